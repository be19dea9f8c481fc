using SeqServe.Core.Modeling;
using SeqServe.Core.Serving;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.Forecasting;

/// <summary>
/// Serves a <see cref="StepNetwork"/> trained on standardised differences: it reads the history,
/// then feeds each predicted step back in (autoregressive) for as many steps as asked.
/// </summary>
public sealed class SeriesForecaster(StepNetwork network, DifferenceScaler scaler, int context) : ServedNetwork(network), IForecaster
{
    public const int MinimumHistory = 13;

    public const string ServedKind = "forecast";
    public string Kind => ServedKind;
    public IReadOnlyList<string> Operations { get; } = ["forecast"];
    public int MinHistory => MinimumHistory;

    /// <summary>How many trailing history values the model reads.</summary>
    public int Context => context;

    public float[] Forecast(float[] history, int horizon)
    {
        if (history.Length < MinHistory)
            throw new ModelInputException("history", $"needs at least {MinHistory} values (got {history.Length}).");
        return ForecastBatch([history], horizon)[0];
    }

    /// <summary>Histories share a pass when they read as many values (see <see cref="ForecastBatch"/>) with the same horizon.</summary>
    public object? GroupOf(ForecastInput input) => (input.Horizon, Math.Min(context, input.History.Length));
    public int LengthOf(ForecastInput input) => Math.Min(context, input.History.Length);
    public float[][] Run(IReadOnlyList<ForecastInput> inputs) => ForecastBatch([.. inputs.Select(i => i.History)], inputs[0].Horizon);

    /// <summary>Forecasts several histories at once; each uses its last <see cref="Context"/> values.</summary>
    public float[][] ForecastBatch(IReadOnlyList<float[]> histories, int horizon)
    {
        var length = Math.Min(context, histories.Min(h => h.Length));
        var inputs = histories.Select(h => scaler.Transform(h.AsSpan(h.Length - length))).ToArray();
        var steps = length - 1;
        var predicted = Inference.Run(() =>
        {
            var x = tensor(inputs.SelectMany(z => z).ToArray(), [inputs.Length, steps, 1]);
            return AutoregressiveRollout.Run(network, x, horizon).reshape(inputs.Length, horizon).data<float>().ToArray();
        });

        var result = new float[histories.Count][];
        for (var b = 0; b < histories.Count; b++)
        {
            var level = (double)histories[b][^1];
            result[b] = new float[horizon];
            for (var h = 0; h < horizon; h++)
            {
                level += scaler.Invert(predicted[b * horizon + h]);
                result[b][h] = (float)level;
            }
        }
        return result;
    }

    public void WarmUp() => Forecast(new float[MinHistory], 2);
}
