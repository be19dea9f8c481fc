using SeqServe.Core.Serving.Batching;

namespace SeqServe.Core.Serving;

/// <summary>Rows of features, oldest first, and how many steps to forecast after them.</summary>
public sealed record MultivariateInput(float[][] History, int Horizon);

/// <summary>
/// Forecasts a series of several features per step (daily weather): reads rows of
/// <see cref="Features"/> values, oldest first, and predicts every feature for the next steps, so the
/// caller picks the target it wants.
/// </summary>
public interface IMultivariateForecaster : IServedModel, IBatchKernel<MultivariateInput, float[][]>
{
    IReadOnlyList<string> Features { get; }
    /// <summary>The feature whose held-out RMSE the manifest reports (the target when a request names none).</summary>
    string DefaultTarget { get; }
    int MinHistory { get; }
    int MaxHorizon { get; }
    /// <summary><paramref name="history"/>: rows of <see cref="Features"/>.Count values; returns <paramref name="horizon"/> rows.</summary>
    float[][] Forecast(float[][] history, int horizon);
    /// <summary>Throws <see cref="ModelInputException"/> for a history or horizon the model cannot take.</summary>
    void Validate(float[][] history, int horizon);
}
