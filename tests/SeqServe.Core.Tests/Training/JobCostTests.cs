using SeqServe.Core.Tasks;
using SeqServe.Core.Training;

namespace SeqServe.Core.Tests.Training;

public class JobCostTests
{
    private static readonly JobLimits Defaults = new(MaxMemoryMB: 8192, MaxMinutes: 360);

    public static TheoryData<string> Datasets => new(RecipeCatalog.BuiltIn.All.Select(r => r.Dataset));

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Every_recipe_default_job_fits_the_default_limits(string dataset)
    {
        var recipe = RecipeCatalog.BuiltIn.All.Single(r => r.Dataset == dataset);
        var spec = new JobSpec { Dataset = dataset };
        var cost = JobCost.Estimate(recipe.Shape(spec));
        Assert.True(cost.TotalBytes > 0);
        var errors = new Dictionary<string, string[]>();
        RecipeValidation.Check(recipe, spec, errors, Defaults);
        Assert.Empty(errors);
    }

    [Fact]
    public void A_windowed_series_job_needing_80_GB_of_training_data_is_refused_naming_maxExamples()
    {
        var errors = Check("sine-cosine", new JobSpec
        {
            Dataset = "sine-cosine",
            Architecture = new ArchitectureSpec { Window = 1000 },
            Training = new TrainingSpec { MaxExamples = 10_000_000 },
        });
        Assert.Contains("training.maxExamples", errors.Keys);
        Assert.Contains("Worker:MaxJobMemoryMB", errors["training.maxExamples"][0]);
    }

    [Fact]
    public void A_character_model_of_4_x_1024_at_batch_4096_and_a_day_long_budget_is_refused()
    {
        var errors = Check("moby-dick", new JobSpec
        {
            Dataset = "moby-dick",
            Architecture = new ArchitectureSpec { Hidden = 1024, Layers = 4, Window = 1000 },
            Training = new TrainingSpec { BatchSize = 4096, Epochs = 500, MaxMinutes = 1440 },
        });
        Assert.Contains("training.batchSize", errors.Keys);
        Assert.Contains("training.maxMinutes", errors.Keys);
    }

    private static Dictionary<string, string[]> Check(string dataset, JobSpec spec)
    {
        var errors = new Dictionary<string, string[]>();
        RecipeValidation.Check(RecipeCatalog.BuiltIn.All.Single(r => r.Dataset == dataset), spec, errors, Defaults);
        return errors;
    }
}
