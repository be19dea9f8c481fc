using SeqServe.Core.Data;
using SeqServe.Core.Sequence.Shared;
using SeqServe.Core.Sequence;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Modeling;
using SeqServe.Core.Serving;
using SeqServe.Core.Tasks;
using SeqServe.Core.Training;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.Forecasting;

/// <summary>
/// Forecasts the monthly Mauna Loa CO2 series. The network reads standardised month-over-month
/// differences and predicts the next one at every step (teacher forcing); forecasting feeds its own
/// predictions back. Split by time: the last 10 % of months is the test part, the 10 % before it
/// validation, the rest training. Reads cell, hidden, layers, bidirectional (refused: a forecaster
/// cannot look ahead), dropout, inputOutputDropout, nonlinearity and window (months per training window, default 48).
/// Metrics: testRmse (ppm, 12-month horizon from every test origin) next to baselineRmse
/// (seasonal naive), plus persistenceRmse and the one-step-ahead figures.
/// </summary>
public sealed class Co2ForecastRecipe : IModelRecipe
{
    public const int Season = 12, Horizon = 12, DefaultWindow = 48;

    /// <summary>Months of the series on the monthly calendar, 1958-03 … 2020-04: the 741 observations and the gaps between them.</summary>
    public const int CalendarMonths = 746;

    public string Dataset => Data.Name;
    public DatasetInfo Data { get; } = new("co2", "Monthly Mauna Loa CO2 concentration (ppm), March 1958 – April 2020 (741 observations).",
        $"npm {VegaDatasets.Package.Spec} data/co2-concentration.csv (NOAA/Scripps)", "BSD-3-Clause (package); NOAA data is public domain",
        VegaDatasets.Package, 741);
    public IReadOnlySet<string> Reads { get; } = RecipeFields.SharedAnd("architecture.window", "architecture.inputOutputDropout");
    public string Task => SequenceTask.Name;
    public string Kind => SeriesForecaster.ServedKind;
    public string DefaultModel => "co2-forecast";

    public static readonly RecurrentConfig DefaultEncoder = new() { Cell = CellKind.Lstm, Hidden = 32, Layers = 1 };

    public TrainingConfig DefaultTraining { get; } = new()
    {
        Epochs = 60, BatchSize = 32, LearningRate = 0.005, Patience = 10, MaxMinutes = 15,
    };

    public void Validate(JobSpec spec, IDictionary<string, string[]> errors)
    {
        TimeSplit.RefuseBidirectional(spec, errors);
        const int months = CalendarMonths;
        if (spec.Architecture?.Window is { } window && window > MaxWindow(months))
            SpecBounds.Add(errors, "architecture.window",
                $"must be at most {MaxWindow(months)} for dataset '{Dataset}': a training window and its next month must fit in the " +
                $"{TimeSplit.Of(months).ValidStart} training months of the {months} (got {window}).");
    }

    /// <summary>
    /// The longest window <see cref="Train"/> can use on a series of <paramref name="months"/>: one training window
    /// (its inputs and the month after them) must end before the validation months begin.
    /// </summary>
    public static int MaxWindow(int months) => TimeSplit.Of(months).ValidStart - 2;

    /// <summary>For the cost check: steps per example, training examples, numbers stored per step, embedding/head parameters.</summary>
    public JobShape Shape(JobSpec spec)
    {
        var t = this.TrainingFor(spec);
        return new JobShape(ArchitectureResolver.Encoder(spec.Architecture, DefaultEncoder, inputSize: 1), t,
            Steps: spec.Architecture?.Window ?? DefaultWindow, Examples: t.MaxExamples ?? 1000, FloatsPerStep: 2, OtherParameters: 0);
    }

    public TrainedModel Train(RecipeRun run)
    {
        var spec = run.Spec;
        var training = run.Training;
        var window = spec.Architecture?.Window ?? DefaultWindow;
        var series = Co2Dataset.Load(run.Packages, run.Cancel);
        var values = series.Values;
        var n = values.Length;
        var (validStart, testStart) = TimeSplit.Of(n);
        var scaler = DifferenceScaler.Fit(values.AsSpan(0, validStart));
        var z = scaler.Transform(values); // z[k] is the change from month k to k+1

        // Windows of `window` inputs; targets are the next differences. A window may only see targets
        // of its own part: training targets end before validStart, validation targets before testStart.
        var trainWindows = Starts(0, validStart - 1, window).ToArray();
        if (training.MaxExamples is { } max) trainWindows = trainWindows[^Math.Min(max, trainWindows.Length)..];
        var validWindows = Enumerable.Range(validStart - 1 - window, testStart - validStart).ToArray();
        if (trainWindows.Length == 0 || validWindows[0] < 0)
            throw new InvalidOperationException($"window {window} is too long for the {validStart} training months.");

        var config = ArchitectureResolver.Step(spec.Architecture, DefaultEncoder, inputSize: 1, outputs: 1, context: window);
        var network = new StepNetwork(config);
        run.Fit(new WindowedSeriesProblem(network, z, 1, window, trainWindows, validWindows));

        var context4 = Math.Min(validStart, 4 * window);
        var forecaster = new SeriesForecaster(network, scaler, context4);
        var horizon = ForecastEvaluation.Evaluate(forecaster, values, testStart, Horizon, Season);
        var oneStep = ForecastEvaluation.Evaluate(forecaster, values, testStart, 1, Season);
        return new TrainedModel(network, ModelFiles.ToJson(config),
            new DatasetRef(Dataset, $"npm {VegaDatasets.Package.Spec} {Co2Dataset.Entry} column {Co2Dataset.Column}",
                $"by time on the monthly calendar ({series.Interpolated} missing months linearly interpolated): " +
                $"train {series.MonthAt(0):yyyy-MM}…{series.MonthAt(validStart - 1):yyyy-MM}, " +
                $"validation {series.MonthAt(validStart):yyyy-MM}…{series.MonthAt(testStart - 1):yyyy-MM}, " +
                $"test (last 10 %) {series.MonthAt(testStart):yyyy-MM}…{series.MonthAt(n - 1):yyyy-MM}; " +
                $"testRmse: {Horizon}-month forecasts from each of the {horizon.Origins} test origins",
                new() { ["months"] = n, ["train"] = validStart, ["validation"] = testStart - validStart, ["test"] = n - testStart }))
        {
            Preprocessing = new()
            {
                ["transform"] = "standardised first differences",
                ["mean"] = scaler.Mean,
                ["std"] = scaler.Std,
                ["window"] = window,
                ["context"] = context4,
                ["season"] = Season,
            },
            Metrics = new()
            {
                ["testRmse"] = horizon.ModelRmse,
                ["baselineRmse"] = horizon.SeasonalNaiveRmse,
                ["persistenceRmse"] = horizon.PersistenceRmse,
                ["testRmseOneStep"] = oneStep.ModelRmse,
                ["baselineRmseOneStep"] = oneStep.SeasonalNaiveRmse,
            },
            Baseline = "seasonal-naive",
        };
    }

    public IServedModel Load(CheckpointManifest manifest, string versionDir)
    {
        var config = ModelFiles.FromJson<StepNetworkConfig>(manifest.Architecture, "architecture");
        var p = manifest.Preprocessing;
        var scaler = new DifferenceScaler(p["mean"]!.GetValue<double>(), p["std"]!.GetValue<double>());
        var network = ModelFiles.LoadWeights(new StepNetwork(config), versionDir);
        return new SeriesForecaster(network, scaler, p["context"]!.GetValue<int>());
    }

    private static IEnumerable<int> Starts(int from, int targetEnd, int window)
    {
        // Window starting at s reads z[s..s+window-1] and predicts z[s+1..s+window]; its last target
        // z[s+window] is month s+window+1, which must come before the end of the part.
        for (var s = from; s + window + 1 < targetEnd + 1; s++) yield return s;
    }
}
