using SeqServe.Core.Serving;
using SeqServe.Core.Sequence.Mnist;
using SeqServe.Core.Training;
using SeqServe.Tests;
using StbImageWriteSharp;

namespace SeqServe.Core.Tests.Sequence;

public class MnistRecipeTests
{
    private static readonly JobSpec SmallJob = new()
    {
        Task = "sequence", Dataset = "mnist",
        Architecture = new ArchitectureSpec { Hidden = 24 },
        Training = new TrainingSpec { Epochs = 1, BatchSize = 64, MaxExamples = 3000, LearningRate = 0.01 },
    };

    [Fact]
    public void A_small_job_on_a_slice_learns_digits_and_its_checkpoint_classifies()
    {
        using var dir = new TempDir();
        var (manifest, served, _) = RecipeRunner.TrainAndLoad(new MnistRecipe(), SmallJob, dir.Path);

        Assert.Equal("classify", manifest.Kind);
        Assert.Equal(3000, manifest.Dataset.Counts!["train"]);
        Assert.Equal(10_000, manifest.Dataset.Counts!["test"]);
        Assert.True(manifest.Metrics["testAccuracy"] > 0.3, // chance is 0.1; 3,000 shifted images for one epoch
            $"test accuracy {manifest.Metrics["testAccuracy"]}");

        var classifier = Assert.IsAssignableFrom<ISequenceClassifier>(served);
        classifier.WarmUp();
        var (_, _, test) = MnistData.Load(RecipeRunner.Packages);
        var result = classifier.Classify(test.RowsOf(0));
        Assert.Equal(10, result.Probabilities.Length);
        Assert.Equal(1.0, result.Probabilities.Sum(), 3);
        Assert.Equal(result.Label, classifier.Labels[Array.IndexOf(result.Probabilities, result.Probabilities.Max())]);
    }

    [Fact]
    public void Weights_survive_a_save_and_load_and_a_png_of_a_test_digit_classifies_like_its_rows()
    {
        using var dir = new TempDir();
        var job = SmallJob with { Training = SmallJob.Training! with { MaxExamples = 256 } };
        var (manifest, served, versionDir) = RecipeRunner.TrainAndLoad(new MnistRecipe(), job, dir.Path);
        var classifier = (ISequenceClassifier)served;
        var reloaded = (ISequenceClassifier)new MnistRecipe().Load(manifest,
            versionDir);

        var (_, _, test) = MnistData.Load(RecipeRunner.Packages);
        for (var i = 0; i < 5; i++)
        {
            var rows = test.RowsOf(i);
            var fromRows = classifier.Classify(rows);
            Assert.Equal(fromRows.Probabilities, reloaded.Classify(rows).Probabilities);

            var png = Png(test.Pixels.AsSpan(i * 784, 784).ToArray(), 28, 28);
            var fromPng = classifier.Classify(DigitImage.ToRows(png, 28, 28));
            Assert.Equal(fromRows.Label, fromPng.Label);
            Assert.Equal(fromRows.Probabilities, fromPng.Probabilities);
        }
    }

    [Fact]
    public void A_large_light_background_png_is_resized_and_inverted()
    {
        var (_, _, test) = MnistData.Load(RecipeRunner.Packages);
        // The first test digit scaled ×4 by pixel repetition and drawn dark on light.
        var big = new byte[112 * 112];
        for (var y = 0; y < 112; y++)
        for (var x = 0; x < 112; x++)
            big[y * 112 + x] = (byte)(255 - test.Pixels[(y / 4) * 28 + x / 4]);
        var rows = DigitImage.ToRows(Png(big, 112, 112), 28, 28);
        var expected = test.RowsOf(0);
        for (var r = 0; r < 28; r++)
            Assert.Equal(expected[r], rows[r], new ToleranceComparer(1e-5f));
    }

    [Fact]
    public void Bad_rows_and_non_png_bytes_are_input_errors()
    {
        var classifier = new RowClassifier(new SeqServe.Core.Modeling.StepNetwork(new()
        {
            Encoder = new SeqServe.Core.Modeling.RecurrentConfig { InputSize = 28, Hidden = 4 }, Outputs = 10,
        }), RowClassifier.DigitPreprocessing);
        float[][] Rows(int count, int width, float value = 0.5f) =>
            [.. Enumerable.Range(0, count).Select(_ => Enumerable.Repeat(value, width).ToArray())];

        Assert.Equal("rows", Assert.Throws<ModelInputException>(() => classifier.Classify(Rows(27, 28))).Field);
        Assert.Equal("rows[0]", Assert.Throws<ModelInputException>(() => classifier.Classify(Rows(28, 29))).Field);
        Assert.Equal("rows[0][0]", Assert.Throws<ModelInputException>(() => classifier.Classify(Rows(28, 28, 1.5f))).Field);
        Assert.Equal("rows[0][0]", Assert.Throws<ModelInputException>(() => classifier.Classify(Rows(28, 28, float.NaN))).Field);
        Assert.Equal("image", Assert.Throws<ModelInputException>(() => DigitImage.ToRows("GIF89a..."u8.ToArray(), 28, 28)).Field);
        var truncated = Png(new byte[784], 28, 28)[..40];
        Assert.Equal("image", Assert.Throws<ModelInputException>(() => DigitImage.ToRows(truncated, 28, 28)).Field);
    }

    [Fact]
    public void Bidirectional_encoders_are_refused_with_the_field_named()
    {
        var errors = new Dictionary<string, string[]>();
        new MnistRecipe().Validate(new JobSpec { Architecture = new ArchitectureSpec { Bidirectional = true } }, errors);
        Assert.Contains("architecture.bidirectional", errors.Keys);
    }

    internal static byte[] Png(byte[] grey, int width, int height)
    {
        using var stream = new MemoryStream();
        new ImageWriter().WritePng(grey, width, height, StbImageWriteSharp.ColorComponents.Grey, stream);
        return stream.ToArray();
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(float value) => 0;
    }
}
