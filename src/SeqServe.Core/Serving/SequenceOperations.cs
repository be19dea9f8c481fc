namespace SeqServe.Core.Serving;

/// <summary>One output per input step (sin→cos): inputs are (batch, steps, features).</summary>
public interface IPerStepPredictor : IServedModel
{
    int InputFeatures { get; }
    float[][] Predict(float[][][] inputs);
}

/// <summary>Forecasts the next <c>horizon</c> values of a series from its history.</summary>
public interface IForecaster : IServedModel
{
    /// <summary>Fewest history values the model needs.</summary>
    int MinHistory { get; }
    float[] Forecast(float[] history, int horizon);
}

/// <summary>Maps a character sequence to another of the same length ("hello" → "ohlol").</summary>
public interface ISequenceMapper : IServedModel
{
    /// <summary>The characters the model knows.</summary>
    string Alphabet { get; }
    string Map(string text);
}
