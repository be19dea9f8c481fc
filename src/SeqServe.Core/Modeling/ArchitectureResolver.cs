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
}
