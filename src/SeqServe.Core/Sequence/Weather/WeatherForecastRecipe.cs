using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Sequence.Shared;
using SeqServe.Core.Sequence;
using SeqServe.Core.Modeling;
using SeqServe.Core.Sequence.Forecasting;
using SeqServe.Core.Serving;
using SeqServe.Core.Tasks;
using SeqServe.Core.Training;

namespace SeqServe.Core.Sequence.Weather;

/// <summary>
/// Multivariate daily forecasting on Seattle weather: the network reads standardised rows of
/// precipitation, temp_max, temp_min and wind and predicts the next day's row at every step (teacher
/// forcing, <see cref="WindowedSeriesProblem"/>); forecasting feeds its own rows back
/// (<see cref="AutoregressiveRollout"/>), so any feature can be the target of a request. Split by time:
/// the last 10 % of days test, the 10 % before validate, the rest train. Reads cell, nonlinearity,
/// hidden, layers, dropout, inputOutputDropout and window (days per training window, default 30); bidirectional is refused.
/// Metrics: testRmse of temp_max over a 7-day horizon from every test origin next to baselineRmse
/// (seasonal naive: the same day a year before) and persistenceRmse (the last observed day), and the
/// same three figures for every feature.
/// </summary>
public sealed class WeatherForecastRecipe : IModelRecipe
{
    public const int Season = 365, Horizon = 7, DefaultWindow = 30;
    public const string DefaultTarget = "temp_max";
    private static readonly string[] NonNegative = ["precipitation", "wind"];

    public string Dataset => Data.Name;
    public DatasetInfo Data { get; } = new("seattle-weather", "Daily Seattle weather 2012–2015: precipitation, temp_max, temp_min, wind.",
        $"npm {VegaDatasets.Package.Spec} data/seattle-weather.csv (NOAA)", "BSD-3-Clause (package); NOAA data is public domain",
        VegaDatasets.Package, 1461);
    public IReadOnlySet<string> Reads { get; } = RecipeFields.SharedAnd("architecture.window", "architecture.inputOutputDropout");
    public string Task => SequenceTask.Name;
    public string Kind => WeatherForecaster.ServedKind;
    public string DefaultModel => "seattle-weather-forecast";

    public static readonly RecurrentConfig DefaultEncoder = new() { Cell = CellKind.Lstm, Hidden = 32, Layers = 1 };

    public TrainingConfig DefaultTraining { get; } = new()
    {
        Epochs = 60, BatchSize = 32, LearningRate = 0.003, Patience = 8, MaxMinutes = 10,
    };

    public void Validate(JobSpec spec, IDictionary<string, string[]> errors) => TimeSplit.RefuseBidirectional(spec, errors);

    /// <summary>For the cost check: steps per example, training examples, numbers stored per step, embedding/head parameters.</summary>
    public JobShape Shape(JobSpec spec)
    {
        var t = this.TrainingFor(spec);
        return new JobShape(ArchitectureResolver.Encoder(spec.Architecture, DefaultEncoder, inputSize: 4), t,
            Steps: spec.Architecture?.Window ?? DefaultWindow, Examples: t.MaxExamples ?? 1500, FloatsPerStep: 8, OtherParameters: 0);
    }

    public TrainedModel Train(RecipeRun run)
    {
        var spec = run.Spec;
        var training = run.Training;
        var window = spec.Architecture?.Window ?? DefaultWindow;
        var series = SeattleWeather.Load(run.Packages, run.Cancel);
        var rows = series.Rows;
        var n = rows.Length;
        var features = series.Features.Count;
        var (validStart, testStart) = TimeSplit.Of(n);
        if (validStart - window < 1)
            throw new InvalidOperationException($"window {window} is too long for the {validStart} training days.");
        var scaler = FeatureScaler.Fit(rows[..validStart]);
        var z = scaler.Transform(rows);

        // A window starting at s predicts days s+1 … s+window: training windows end before validStart,
        // validation windows end on each validation day.
        var trainStarts = Enumerable.Range(0, validStart - window).ToArray();
        if (training.MaxExamples is { } max) trainStarts = trainStarts[^Math.Min(max, trainStarts.Length)..];
        var validStarts = Enumerable.Range(validStart - window, testStart - validStart).ToArray();

        var config = ArchitectureResolver.Step(spec.Architecture, DefaultEncoder, inputSize: features, outputs: features, context: window);
        var network = new StepNetwork(config);
        run.Fit(new WindowedSeriesProblem(network, z, features, window, trainStarts, validStarts));

        var preprocessing = new MultivariatePreprocessing(series.Features, scaler.Mean, scaler.Std, NonNegative, DefaultTarget,
            window, window);
        var forecaster = new WeatherForecaster(network, preprocessing);
        var metrics = Evaluate(forecaster, series, testStart, out var origins);
        return new TrainedModel(network, ModelFiles.ToJson(config),
            new DatasetRef(Dataset, $"npm {VegaDatasets.Package.Spec} {SeattleWeather.Entry}",
                $"by time: train {series.DayAt(0):yyyy-MM-dd}…{series.DayAt(validStart - 1):yyyy-MM-dd}, " +
                $"validation {series.DayAt(validStart):yyyy-MM-dd}…{series.DayAt(testStart - 1):yyyy-MM-dd}, " +
                $"test (last 10 %) {series.DayAt(testStart):yyyy-MM-dd}…{series.DayAt(n - 1):yyyy-MM-dd}; " +
                $"testRmse: {DefaultTarget}, {Horizon}-day forecasts from each of the {origins} test origins",
                new() { ["days"] = n, ["train"] = validStart, ["validation"] = testStart - validStart, ["test"] = n - testStart }))
        {
            Preprocessing = ModelFiles.ToJson(preprocessing),
            Metrics = metrics,
            Baseline = "seasonal-naive",
        };
    }

    /// <summary>Rolling-origin RMSE over the test days for every feature; the default target's figures are the headline.</summary>
    private static Dictionary<string, double> Evaluate(WeatherForecaster forecaster, DailySeries series, int testStart, out int origins)
    {
        var all = Enumerable.Range(testStart, series.Rows.Length - Horizon - testStart + 1).ToArray();
        var forecasts = all.Zip(forecaster.ForecastBatch([.. all.Select(o => series.Rows[..o])], Horizon))
            .ToDictionary(x => x.First, x => x.Second);
        var metrics = new Dictionary<string, double>();
        origins = all.Length;
        for (var f = 0; f < series.Features.Count; f++)
        {
            var feature = series.Features[f];
            var result = ForecastEvaluation.Evaluate(from => [.. from.Select(o => forecasts[o].Select(row => row[f]).ToArray())],
                series.Column(feature), testStart, Horizon, Season);
            var suffix = feature == DefaultTarget ? "" : "_" + feature;
            metrics["testRmse" + suffix] = result.ModelRmse;
            metrics["baselineRmse" + suffix] = result.SeasonalNaiveRmse;
            metrics["persistenceRmse" + suffix] = result.PersistenceRmse;
        }
        return metrics;
    }

    public IServedModel Load(CheckpointManifest manifest, string versionDir)
    {
        var preprocessing = ModelFiles.FromJson<MultivariatePreprocessing>(manifest.Preprocessing, "preprocessing");
        return new WeatherForecaster(ModelFiles.LoadStepNetwork(manifest, versionDir), preprocessing);
    }
}
