namespace SeqServe.Core.Modeling;

/// <summary>The recurrent cell family an encoder is built from.</summary>
public enum CellKind { Rnn, Lstm, Gru }

/// <summary>Everything that shapes the shared recurrent encoder. Stored in every manifest.</summary>
public sealed record RecurrentConfig
{
    public CellKind Cell { get; init; } = CellKind.Lstm;
    public int InputSize { get; init; } = 1;
    public int Hidden { get; init; } = 32;
    public int Layers { get; init; } = 1;
    public bool Bidirectional { get; init; }
    public double Dropout { get; init; }
    /// <summary>Only for <see cref="CellKind.Rnn"/>: "tanh" or "relu".</summary>
    public string Nonlinearity { get; init; } = "tanh";

    public int Directions => Bidirectional ? 2 : 1;
    public int OutputSize => Hidden * Directions;
}
