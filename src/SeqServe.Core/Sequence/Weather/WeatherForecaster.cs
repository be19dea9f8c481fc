using SeqServe.Core.Modeling;
using SeqServe.Core.Sequence.Forecasting;
using SeqServe.Core.Serving;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.Weather;

/// <summary>How a multivariate forecaster reads and writes its features; stored as the manifest's preprocessing.</summary>
public sealed record MultivariatePreprocessing(
    IReadOnlyList<string> Features, double[] Mean, double[] Std, IReadOnlyList<string> NonNegative, string DefaultTarget,
    int Window, int Context);

/// <summary>
/// Serves a <see cref="StepNetwork"/> trained on standardised daily rows: reads the last
/// <c>Context</c> rows of the history, then feeds its predicted rows back in for the horizon.
/// Features that cannot be negative (precipitation, wind) are clipped at 0. Immutable; used concurrently.
/// </summary>
public sealed class WeatherForecaster(StepNetwork network, MultivariatePreprocessing preprocessing) : ServedNetwork(network), IMultivariateForecaster
{
    public const int MinimumHistory = 7;
    public const int MaximumHorizon = 60;

    private readonly FeatureScaler scaler = new(preprocessing.Mean, preprocessing.Std);
    private readonly bool[] nonNegative = [.. preprocessing.Features.Select(preprocessing.NonNegative.Contains)];

    public const string ServedKind = SeriesForecaster.ServedKind; // the same operation, on several series at once
    public string Kind => ServedKind;
    public IReadOnlyList<string> Operations { get; } = ["forecast"];
    public IReadOnlyList<string> Features => preprocessing.Features;
    public string DefaultTarget => preprocessing.DefaultTarget;
    public int MinHistory => MinimumHistory;
    public int MaxHorizon => MaximumHorizon;

    public float[][] Forecast(float[][] history, int horizon)
    {
        Validate(history, horizon);
        return ForecastBatch([history], horizon)[0];
    }

    public object? GroupOf(MultivariateInput input) => (input.Horizon, Math.Min(preprocessing.Context, input.History.Length));
    public int LengthOf(MultivariateInput input) => Math.Min(preprocessing.Context, input.History.Length);
    public float[][][] Run(IReadOnlyList<MultivariateInput> inputs) => ForecastBatch([.. inputs.Select(i => i.History)], inputs[0].Horizon);

    public void Validate(float[][] history, int horizon)
    {
        if (history is null || history.Length < MinHistory)
            throw new ModelInputException("history", $"needs at least {MinHistory} rows (got {history?.Length ?? 0}).");
        for (var t = 0; t < history.Length; t++)
        {
            if (history[t] is not { } row || row.Length != Features.Count)
                throw new ModelInputException($"history[{t}]",
                    $"expected {Features.Count} values ({string.Join(", ", Features)}), got {history[t]?.Length ?? 0}.");
            for (var f = 0; f < row.Length; f++)
                if (!float.IsFinite(row[f]))
                    throw new ModelInputException($"history[{t}][{f}]", "values must be finite numbers.");
        }
        if (horizon < 1 || horizon > MaxHorizon)
            throw new ModelInputException("horizon", $"must be between 1 and {MaxHorizon} (got {horizon}).");
    }

    /// <summary>Forecasts several histories at once (no input checks: for evaluation).</summary>
    public float[][][] ForecastBatch(IReadOnlyList<float[][]> histories, int horizon)
    {
        var length = Math.Min(preprocessing.Context, histories.Min(h => h.Length));
        var features = Features.Count;
        var z = histories.SelectMany(h => scaler.Transform(h[^length..])).ToArray();
        var predicted = Inference.Run(() =>
            AutoregressiveRollout.Run(network, tensor(z, [histories.Count, length, features]), horizon).data<float>().ToArray());
        var result = new float[histories.Count][][];
        for (var b = 0; b < histories.Count; b++)
        {
            result[b] = new float[horizon][];
            for (var h = 0; h < horizon; h++)
            {
                var row = result[b][h] = new float[features];
                for (var f = 0; f < features; f++)
                {
                    var value = scaler.Invert(predicted[(b * horizon + h) * features + f], f);
                    row[f] = nonNegative[f] ? Math.Max(0f, value) : value;
                }
            }
        }
        return result;
    }

    public void WarmUp() => Forecast([.. Enumerable.Range(0, MinHistory).Select(_ => new float[Features.Count])], 2);
}
