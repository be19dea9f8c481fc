using SeqServe.Core.Serving;
using SeqServe.Core.Sequence.CharGeneration;
using SeqServe.Core.Training;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Sequence;

public class CharGenerationTests
{
    /// <summary>A tiny character model on 30,000 characters of the training chapters (a few seconds).</summary>
    internal static readonly JobSpec SmallJob = new()
    {
        Task = "sequence", Dataset = "moby-dick",
        Architecture = new ArchitectureSpec { Hidden = 32, Layers = 1, EmbeddingDim = 8, Window = 40 },
        Training = new TrainingSpec { Epochs = 1, BatchSize = 16, MaxExamples = 30_000, LearningRate = 0.01 },
    };

    [Fact]
    public void Chapters_split_by_number_into_train_validation_and_test()
    {
        var text = MobyDickText.Load(RecipeRunner.Packages);
        Assert.Equal(111, text.FileCounts["train"]); // 108 chapters + etymology, extracts, epilogue
        Assert.Equal(14, text.FileCounts["validation"]);
        Assert.Equal(13, text.FileCounts["test"]);
        Assert.StartsWith("ETYMOLOGY.", text.Train);
        Assert.Contains("Call me Ishmael.", text.Train);
        Assert.StartsWith("CHAPTER 5. Breakfast.", text.Validation);
        Assert.StartsWith("CHAPTER 10. A Bosom Friend.", text.Test);
        Assert.DoesNotContain("CHAPTER 10. A Bosom Friend.", text.Train);
        Assert.InRange(text.Train.Length + text.Validation.Length + text.Test.Length, 1_150_000, 1_250_000);
    }

    [Fact]
    public void Streams_continue_each_row_where_its_previous_window_stopped()
    {
        var ids = Enumerable.Range(0, 101).Select(i => (long)i).ToArray();
        using var streams = CharStreams.Create(ids, streams: 4, window: 10);
        Assert.Equal((25, 3), (streams.Length, streams.Windows));
        using var scope = TorchSharp.torch.NewDisposeScope();
        var (x0, y0) = streams.Slice(0);
        var (x2, y2) = streams.Slice(2);
        Assert.Equal(new long[] { 25, 26, 27 }, x0[1].data<long>().ToArray()[..3]);
        Assert.Equal(new long[] { 26, 27, 28 }, y0[1].data<long>().ToArray()[..3]);
        Assert.Equal(new long[] { 45, 46, 47, 48, 49 }, x2[1].data<long>().ToArray()); // the short last window
        Assert.Equal(50L, y2[1].data<long>().ToArray()[^1]);
    }

    [Fact]
    public void A_small_job_learns_bits_per_char_and_generation_is_reproducible()
    {
        using var dir = new TempDir();
        var (manifest, served, versionDir) = RecipeRunner.TrainAndLoad(new CharGenerationRecipe(), SmallJob, dir.Path);

        Assert.Equal("generate", manifest.Kind);
        var bits = manifest.Metrics["testBitsPerChar"];
        Assert.InRange(bits, 1.0, 5.0); // well below log2 of the alphabet (~6.5) after a few hundred steps
        Assert.Equal(4.452, manifest.Metrics["baselineBitsPerChar"], 3); // character frequencies of the training chapters
        Assert.Equal("unigram", manifest.Baseline);
        Assert.Equal(CharGenerationRecipe.DefaultInputOutputDropout, manifest.Architecture!["inputOutputDropout"]!.GetValue<double>());
        Assert.Equal(13, manifest.Dataset.Counts!["testChapters"]);

        var generator = Assert.IsAssignableFrom<ISequenceGenerator>(served);
        generator.WarmUp();
        var a = generator.Generate("Call me", 60, 0.8, seed: 7);
        var b = generator.Generate("Call me", 60, 0.8, seed: 7);
        var c = generator.Generate("Call me", 60, 0.8, seed: 8);
        Assert.Equal(60, a.Length);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.All(a, ch => Assert.Contains(ch, generator.Alphabet));

        var reloaded = (ISequenceGenerator)new CharGenerationRecipe().Load(manifest,
            versionDir);
        Assert.Equal(a, reloaded.Generate("Call me", 60, 0.8, seed: 7));
        Assert.Equal(20, generator.Generate("", 20, 0.5, seed: 1).Length);

        Assert.Equal("temperature", Assert.Throws<ModelInputException>(() => generator.Generate("a", 10, 0, 1)).Field);
        Assert.Equal("temperature", Assert.Throws<ModelInputException>(() => generator.Generate("a", 10, 2.5, 1)).Field);
        Assert.Equal("temperature", Assert.Throws<ModelInputException>(() => generator.Generate("a", 10, double.NaN, 1)).Field);
        Assert.Equal("length", Assert.Throws<ModelInputException>(() => generator.Generate("a", 0, 1, 1)).Field);
        Assert.Equal("length", Assert.Throws<ModelInputException>(() => generator.Generate("a", CharGenerator.MaxLength + 1, 1, 1)).Field);
        Assert.Equal("prompt", Assert.Throws<ModelInputException>(() => generator.Generate("Call me \u4e00", 10, 1, 1)).Field);
    }

    [Fact]
    public void Bidirectional_and_one_hot_are_refused_with_the_field_named()
    {
        var errors = new Dictionary<string, string[]>();
        new CharGenerationRecipe().Validate(new JobSpec
        {
            Architecture = new ArchitectureSpec { Bidirectional = true, InputEncoding = "one-hot" },
        }, errors);
        Assert.Contains("architecture.bidirectional", errors.Keys);
        Assert.Contains("architecture.inputEncoding", errors.Keys);
    }
}
