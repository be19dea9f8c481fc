using SeqServe.Core.Training;

namespace SeqServe.Core.Modeling;

/// <summary>Fills a recurrent encoder's shape from a request, falling back to a recipe's defaults.</summary>
public static class ArchitectureResolver
{
    public static RecurrentConfig Encoder(ArchitectureSpec? spec, RecurrentConfig defaults, int inputSize) => defaults with
    {
        Cell = spec?.Cell is { } cell ? SpecBounds.ParseCell(cell) : defaults.Cell,
        Nonlinearity = spec?.Nonlinearity ?? defaults.Nonlinearity,
        Hidden = spec?.Hidden ?? defaults.Hidden,
        Layers = spec?.Layers ?? defaults.Layers,
        Bidirectional = spec?.Bidirectional ?? defaults.Bidirectional,
        Dropout = spec?.Dropout ?? defaults.Dropout,
        InputSize = inputSize,
    };

    /// <summary>
    /// A <see cref="StepNetwork"/>'s shape: the encoder as above, the outputs per step, the input embedding when the
    /// inputs are tokens (its size is the encoder's input size), and the request's <c>inputOutputDropout</c>, else
    /// the recipe's default (none unless it gives one).
    /// </summary>
    public static StepNetworkConfig Step(ArchitectureSpec? spec, RecurrentConfig defaults, int inputSize, int outputs,
        int? vocabulary = null, double? defaultInputOutputDropout = null) => new()
    {
        Encoder = Encoder(spec, defaults, inputSize),
        Outputs = outputs,
        Vocabulary = vocabulary,
        EmbeddingDim = vocabulary is null ? null : inputSize,
        InputOutputDropout = spec?.InputOutputDropout ?? defaultInputOutputDropout,
    };
}
