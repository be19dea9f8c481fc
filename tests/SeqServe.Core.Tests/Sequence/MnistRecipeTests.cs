using SeqServe.Core.Checkpoints;
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
    public void A_digit_drawn_small_and_off_centre_on_a_light_canvas_is_framed_like_mnist()
    {
        // The shipped classifier reads test digits drawn ×3, dark on light, in the top-left part of a
        // 200×150 canvas: framed like MNIST it agrees with its reading of the original rows.
        var store = new CheckpointStore(Path.Combine(TestPaths.RepoRoot, "models"));
        var version = store.PromotedOrNewest("mnist-rows");
        var served = new MnistRecipe().Load(store.ReadVerified("mnist-rows", version), store.VersionDir("mnist-rows", version));
        var classifier = (ISequenceClassifier)served;
        var (_, _, test) = MnistData.Load(RecipeRunner.Packages);
        int framedAgree = 0, plainAgree = 0;
        const int digits = 40;
        for (var i = 0; i < digits; i++)
        {
            var canvas = Enumerable.Repeat((byte)255, 200 * 150).ToArray();
            for (var y = 0; y < 84; y++)
            for (var x = 0; x < 84; x++)
                canvas[(10 + y) * 200 + 6 + x] = (byte)(255 - test.Pixels[i * 784 + (y / 3) * 28 + x / 3]);
            var expected = classifier.Classify(test.RowsOf(i)).Label;
            if (classifier.Classify(DigitImage.ToRows(Png(canvas, 200, 150), 28, 28)).Label == expected) framedAgree++;

            // What a plain resize of the whole canvas would have shown the model.
            var plain = DigitImage.AreaResize(canvas.Select(b => 1f - b / 255f).ToArray(), 200, 150, 28, 28);
            if (classifier.Classify([.. Enumerable.Range(0, 28).Select(r => plain[(r * 28)..((r + 1) * 28)])]).Label == expected) plainAgree++;
        }
        Assert.True(framedAgree >= digits - 2, $"framed: {framedAgree}/{digits} agree with the rows (plain resize {plainAgree}/{digits})");
        Assert.True(plainAgree < framedAgree, $"plain resize {plainAgree}/{digits} should do worse than framing {framedAgree}/{digits}");
    }

    [Fact]
    public void Framing_puts_the_centre_of_mass_at_the_centre_and_fits_the_ink_into_20_pixels()
    {
        // A 30×60 light bar on dark, in a corner of a 300×300 image.
        var ink = new float[300 * 300];
        for (var y = 200; y < 260; y++)
        for (var x = 250; x < 280; x++)
            ink[y * 300 + x] = 1f;
        var field = DigitImage.Frame(ink, 300, 300, 28, 28);
        double mass = 0, mx = 0, my = 0;
        int top = 28, bottom = -1;
        for (var y = 0; y < 28; y++)
        for (var x = 0; x < 28; x++)
        {
            var v = field[y * 28 + x];
            mass += v; mx += v * (x + 0.5); my += v * (y + 0.5);
            if (v > 0.1) { top = Math.Min(top, y); bottom = Math.Max(bottom, y); }
        }
        Assert.InRange(mx / mass, 13.5, 14.5);
        Assert.InRange(my / mass, 13.5, 14.5);
        Assert.Equal(20, bottom - top + 1);
        Assert.Equal(10 * 20, mass, 0.5); // 10×20 pixels of full ink: aspect ratio kept
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
