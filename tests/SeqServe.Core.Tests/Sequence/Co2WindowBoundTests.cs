using SeqServe.Core.Sequence.Forecasting;
using SeqServe.Core.Training;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Sequence;

/// <summary>The co2 recipe's submit-time window bound is the real one: the longest window trains, one month more cannot.</summary>
public class Co2WindowBoundTests
{
    private static readonly Co2ForecastRecipe Recipe = new();

    private static JobSpec WithWindow(int window) => new()
    {
        Architecture = new ArchitectureSpec { Window = window, Hidden = 8 },
        Training = new TrainingSpec { Epochs = 1, MaxExamples = 1 },
    };

    [Fact]
    public void The_bound_is_the_longest_window_the_series_can_train()
    {
        Assert.Equal(Co2ForecastRecipe.CalendarMonths, Co2Dataset.Load(RecipeRunner.Packages).Values.Length);
        var max = Co2ForecastRecipe.MaxWindow(Co2ForecastRecipe.CalendarMonths);

        var accepted = new Dictionary<string, string[]>();
        Recipe.Validate(WithWindow(max), accepted);
        Assert.Empty(accepted);
        var refused = new Dictionary<string, string[]>();
        Recipe.Validate(WithWindow(max + 1), refused);
        Assert.Contains($"at most {max}", Assert.Single(refused["architecture.window"]));

        using var dir = new TempDir();
        var (manifest, _, _) = RecipeRunner.TrainAndLoad(Recipe, WithWindow(max), dir.Path);
        Assert.Equal(max, manifest.Preprocessing["window"]!.GetValue<int>());
        Assert.ThrowsAny<Exception>(() => RecipeRunner.TrainAndLoad(Recipe, WithWindow(max + 1), dir.Path, "co2-too-long"));
    }
}
