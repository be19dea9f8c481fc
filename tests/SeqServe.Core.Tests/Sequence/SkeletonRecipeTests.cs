using SeqServe.Core.Sequence.CharMapping;
using SeqServe.Core.Sequence.Forecasting;
using SeqServe.Core.Sequence.SineCosine;
using SeqServe.Core.Serving;
using SeqServe.Core.Training;
using SeqServe.Tests;
using Xunit.Abstractions;

namespace SeqServe.Core.Tests.Sequence;

public class SkeletonRecipeTests(ITestOutputHelper output)
{
    [Fact]
    public void Sine_cosine_learns_cos_from_sin()
    {
        using var dir = new TempDir();
        var spec = new JobSpec { Training = new TrainingSpec { Epochs = 30 } };
        var (manifest, served, _) = RecipeRunner.TrainAndLoad(new SineCosineRecipe(), spec, dir.Path);
        output.WriteLine($"testRmse={manifest.Metrics["testRmse"]:F4} afterWarmup={manifest.Metrics["testRmseAfterWarmup"]:F4}");

        var t = Enumerable.Range(0, 40).Select(i => 1.3 + i * 0.1).ToArray();
        var predicted = ((IPerStepPredictor)served).Predict([t.Select(x => new[] { (float)Math.Sin(x) }).ToArray()])[0];
        var worst = t.Select((x, i) => Math.Abs(predicted[i] - Math.Cos(x))).Skip(SineCosineRecipe.WarmupSteps).Max();
        Assert.True(worst < 0.15, $"largest error after warm-up {worst:F3} ≥ 0.15");
    }

    [Fact]
    public void Sine_cosine_trained_with_the_state_carried_across_windows_learns_too()
    {
        // Seed 004's regime: short windows of long streams, the hidden state handed from one window to the next.
        using var dir = new TempDir();
        var spec = new JobSpec
        {
            Architecture = new ArchitectureSpec { Window = 10 },
            Training = new TrainingSpec { Epochs = 20, CarryState = true, BatchSize = 16, MaxExamples = 1600 },
        };
        var (manifest, served, _) = RecipeRunner.TrainAndLoad(new SineCosineRecipe(), spec, dir.Path);
        output.WriteLine($"testRmse={manifest.Metrics["testRmse"]:F4} afterWarmup={manifest.Metrics["testRmseAfterWarmup"]:F4}");
        Assert.Equal(16, manifest.Dataset.Counts!["trainStreams"]);
        Assert.Contains("state carried", manifest.Dataset.Split);
        Assert.True(manifest.Training!.CarryState);
        Assert.True(manifest.Metrics["testRmseAfterWarmup"] < 0.08, $"stream RMSE after warm-up {manifest.Metrics["testRmseAfterWarmup"]:F3}");

        // Served like any per-step model: once locked on, a sequence far longer than a training window keeps tracking cos.
        var t = Enumerable.Range(0, 150).Select(i => 0.4 + i * 0.1).ToArray();
        var predicted = ((IPerStepPredictor)served).Predict([t.Select(x => new[] { (float)Math.Sin(x) }).ToArray()])[0];
        var worst = t.Select((x, i) => Math.Abs(predicted[i] - Math.Cos(x))).Skip(SineCosineRecipe.StreamWarmupSteps).Max();
        Assert.True(worst < 0.15, $"largest error after the stream warm-up over 150 steps {worst:F3} ≥ 0.15");
    }

    [Theory]
    [InlineData("embedding")]
    [InlineData("one-hot")]
    public void Hello_maps_to_ohlol(string encoding)
    {
        using var dir = new TempDir();
        var spec = new JobSpec { Architecture = new ArchitectureSpec { InputEncoding = encoding } };
        var (manifest, served, _) = RecipeRunner.TrainAndLoad(new CharMappingRecipe(), spec, dir.Path);
        Assert.Equal(1.0, manifest.Metrics["testAccuracy"]);
        Assert.Equal("ohlol", ((ISequenceMapper)served).Map("hello"));
        var e = Assert.Throws<ModelInputException>(() => ((ISequenceMapper)served).Map("help"));
        Assert.Equal("text", e.Field);
    }

    [Fact]
    public void Co2_forecaster_beats_seasonal_naive_on_the_held_out_tail()
    {
        using var dir = new TempDir();
        var spec = new JobSpec { Training = new TrainingSpec { Epochs = 8 } };
        var (manifest, served, _) = RecipeRunner.TrainAndLoad(new Co2ForecastRecipe(), spec, dir.Path);
        var m = manifest.Metrics;
        output.WriteLine($"testRmse={m["testRmse"]:F3} seasonalNaive={m["baselineRmse"]:F3} persistence={m["persistenceRmse"]:F3} oneStep={m["testRmseOneStep"]:F3}");
        Assert.Equal(741 + 5, manifest.Dataset.Counts!["months"]); // 741 observations + 5 interpolated months
        Assert.True(m["testRmse"] < m["baselineRmse"], "the model does not beat seasonal naive");

        var history = RecipeRunner.Packages is var p ? Co2Dataset.Load(p).Values : [];
        var forecast = ((IForecaster)served).Forecast(history, 24);
        Assert.Equal(24, forecast.Length);
        Assert.All(forecast, v => Assert.InRange(v, 405f, 430f)); // the series ends at 416 ppm in 2020-04
    }
}
