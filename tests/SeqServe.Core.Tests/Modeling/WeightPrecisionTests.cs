using SeqServe.Core.Checkpoints;
using SeqServe.Core.Modeling;
using SeqServe.Core.Sequence.SineCosine;
using SeqServe.Core.Training;
using SeqServe.Tests;
using static TorchSharp.torch;

namespace SeqServe.Core.Tests.Modeling;

public class WeightPrecisionTests
{
    private static StepNetworkConfig Config(int hidden = 16) => new()
    {
        Encoder = new RecurrentConfig { Cell = CellKind.Lstm, InputSize = 3, Hidden = hidden, Layers = 2, Bidirectional = true },
        Outputs = 2,
    };

    private static long WeightsBytes(string dir) => new FileInfo(Path.Combine(dir, CheckpointStore.WeightsFile)).Length;

    [Fact]
    public void A_float16_file_is_half_the_size_and_loads_the_rounded_weights_into_float32_parameters()
    {
        using var full = new TempDir();
        using var half = new TempDir();
        using var original = new StepNetwork(Config());
        original.eval();
        ModelFiles.SaveWeights(original, full.Path);
        ModelFiles.SaveWeights(original, half.Path, WeightPrecision.Float16);
        Assert.InRange(WeightsBytes(half.Path), WeightsBytes(full.Path) * 0.45, WeightsBytes(full.Path) * 0.55);

        using var loaded = ModelFiles.LoadWeights(new StepNetwork(Config()), half.Path);
        using var scope = NewDisposeScope();
        var expected = original.state_dict();
        foreach (var (key, value) in loaded.state_dict())
        {
            Assert.Equal(ScalarType.Float32, value.dtype);
            var rounded = expected[key].to(ScalarType.Float16).to(ScalarType.Float32);
            Assert.True(value.equal(rounded).all().item<bool>(), $"{key} is not the float16 rounding of the saved weights");
            Assert.False(value.equal(expected[key]).all().item<bool>() && value.numel() > 16, $"{key} was not rounded at all");
        }
    }

    [Fact]
    public void Rounding_in_place_leaves_values_that_a_float16_file_keeps_exactly()
    {
        using var dir = new TempDir();
        using var network = new StepNetwork(Config());
        WeightPrecision.Round(network, WeightPrecision.Float16);
        ModelFiles.SaveWeights(network, dir.Path, WeightPrecision.Float16);
        using var loaded = ModelFiles.LoadWeights(new StepNetwork(Config()), dir.Path);

        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        network.eval();
        var input = randn(3, 7, 3);
        Assert.True(network.call(input).equal(loaded.call(input)).all().item<bool>(), "a rounded network and its float16 file answer differently");
    }

    [Fact]
    public void Loading_stays_strict_about_keys_and_shapes()
    {
        using var dir = new TempDir();
        using (var small = new StepNetwork(Config(hidden: 8)))
            ModelFiles.SaveWeights(small, dir.Path, WeightPrecision.Float16);
        var shape = Assert.Throws<CheckpointException>(() => ModelFiles.LoadWeights(new StepNetwork(Config(hidden: 16)), dir.Path));
        Assert.Contains("in the file", shape.Message);

        var oneLayer = Config() with { Encoder = Config().Encoder with { Hidden = 8, Layers = 1 } };
        var extra = Assert.Throws<CheckpointException>(() => ModelFiles.LoadWeights(new StepNetwork(oneLayer), dir.Path));
        Assert.Contains("which the network does not", extra.Message);

        var threeLayers = Config() with { Encoder = Config().Encoder with { Hidden = 8, Layers = 3 } };
        var missing = Assert.Throws<CheckpointException>(() => ModelFiles.LoadWeights(new StepNetwork(threeLayers), dir.Path));
        Assert.Contains("the file has no", missing.Message);
    }

    [Fact]
    public void A_float16_training_run_records_it_stores_half_the_bytes_and_loads()
    {
        using var dir = new TempDir();
        var quick = new TrainingSpec { Epochs = 1, MaxExamples = 64, Seed = 3 };
        var (fullManifest, fullServed, fullDir) = RecipeRunner.TrainAndLoad(new SineCosineRecipe(), new JobSpec { Training = quick }, Path.Combine(dir.Path, "a"));
        var (halfManifest, halfServed, halfDir) = RecipeRunner.TrainAndLoad(new SineCosineRecipe(),
            new JobSpec { Training = quick with { WeightsPrecision = WeightPrecision.Float16 } }, Path.Combine(dir.Path, "b"));
        using (fullServed)
        using (halfServed)
        {
            Assert.Equal(WeightPrecision.Float32, fullManifest.Training!.WeightsPrecision);
            Assert.Equal(WeightPrecision.Float16, halfManifest.Training!.WeightsPrecision);
            Assert.InRange(WeightsBytes(halfDir), WeightsBytes(fullDir) * 0.4, WeightsBytes(fullDir) * 0.6);
            Assert.All(halfManifest.Metrics.Values, v => Assert.True(double.IsFinite(v)));
        }
    }
}
