namespace SeqServe.Core.Serving;

/// <summary>
/// Forecasts a series of several features per step (daily weather): reads rows of
/// <see cref="Features"/> values, oldest first, and predicts every feature for the next steps, so the
/// caller picks the target it wants.
/// </summary>
public interface IMultivariateForecaster : IServedModel
{
    IReadOnlyList<string> Features { get; }
    /// <summary>The feature whose held-out RMSE the manifest reports (the target when a request names none).</summary>
    string DefaultTarget { get; }
    int MinHistory { get; }
    int MaxHorizon { get; }
    /// <summary><paramref name="history"/>: rows of <see cref="Features"/>.Count values; returns <paramref name="horizon"/> rows.</summary>
    float[][] Forecast(float[][] history, int horizon);
}
