namespace SeqServe.Core.Serving;

/// <summary>
/// A loaded, immutable, thread-safe model ready to answer requests. Operation interfaces
/// (<see cref="IPerStepPredictor"/>, <see cref="IForecaster"/>, <see cref="ISequenceMapper"/>, …) say
/// what it can do; an endpoint asks for the one it needs. Disposing it frees its TorchSharp modules and
/// tensors (once, however often it is called); the registry disposes a version only after the last request
/// using it has returned.
/// </summary>
public interface IServedModel : IDisposable
{
    /// <summary>"per-step", "forecast", "map", "generate", "classify", "sentiment", "tagger".</summary>
    string Kind { get; }

    /// <summary>The operations it answers, as named in the API ("predict", "forecast", "map", …).</summary>
    IReadOnlyList<string> Operations { get; }

    /// <summary>Runs one small request so the first real one does not pay for lazy initialisation.</summary>
    void WarmUp();
}

/// <summary>A request the model cannot take (wrong shape, unknown symbol); the API answers 400 with it.</summary>
public sealed class ModelInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
