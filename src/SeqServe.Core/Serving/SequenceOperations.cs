using SeqServe.Core.Serving.Batching;

namespace SeqServe.Core.Serving;

/// <summary>
/// One output per input step (sin→cos): inputs are (batch, steps, features). As a batch kernel, one
/// sequence (steps × features) → its outputs; only sequences of equal length share a pass.
/// </summary>
public interface IPerStepPredictor : IServedModel, IBatchKernel<float[][], float[]>
{
    int InputFeatures { get; }
    /// <summary>Throws <see cref="ModelInputException"/> unless every sequence has the same steps and every step <see cref="InputFeatures"/> values.</summary>
    void Validate(float[][][] inputs);
    float[][] Predict(float[][][] inputs);
}

/// <summary>A history and how many steps to forecast after it.</summary>
public sealed record ForecastInput(float[] History, int Horizon);

/// <summary>
/// Forecasts the next <c>horizon</c> values of a series from its history. As a batch kernel, histories
/// that read the same number of values with the same horizon share a pass.
/// </summary>
public interface IForecaster : IServedModel, IBatchKernel<ForecastInput, float[]>
{
    /// <summary>Fewest history values the model needs.</summary>
    int MinHistory { get; }
    float[] Forecast(float[] history, int horizon);
}

/// <summary>Maps a character sequence to another of the same length ("hello" → "ohlol"); texts of equal length share a pass.</summary>
public interface ISequenceMapper : IServedModel, IBatchKernel<string, string>
{
    /// <summary>The characters the model knows.</summary>
    string Alphabet { get; }
    /// <summary>Throws <see cref="ModelInputException"/> for an empty or too long text or an unknown character.</summary>
    void Validate(string text);
    string Map(string text);
}
