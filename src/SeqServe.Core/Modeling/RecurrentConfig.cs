using System.Text.Json.Serialization;

namespace SeqServe.Core.Modeling;

/// <summary>The recurrent cell family an encoder is built from.</summary>
public enum CellKind { Rnn, Lstm, Gru }

/// <summary>Which encoder a network is built on: today's recurrent cells, or a Transformer encoder.</summary>
public enum EncoderKind { Recurrent, Transformer }

/// <summary>What runs over a recurrent encoder's outputs before the head: nothing, or multi-head self-attention.</summary>
public enum AttentionKind { None, Self }

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

    /// <summary>Recurrent (default; a manifest without the field means it) or transformer. A transformer uses
    /// <see cref="Hidden"/> as its model width, <see cref="Layers"/> encoder layers and <see cref="Dropout"/>;
    /// the cell, nonlinearity and direction fields do not apply.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public EncoderKind Kind { get; init; }
    /// <summary>Only for the recurrent encoder: multi-head self-attention over its outputs (residual), before the head.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public AttentionKind Attention { get; init; }
    /// <summary>Attention heads (transformer or self-attention; 0 when neither is used). Divides <see cref="OutputSize"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Heads { get; init; }
    /// <summary>Width of a transformer layer's feed-forward block (0 when not a transformer).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int FfHidden { get; init; }
    /// <summary>Attention never looks at later steps (per-step models: generation, forecasting, per-step outputs).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Causal { get; init; }
    /// <summary>Transformer step models: the most inputs one step attends to (its training window; 0: unlimited).
    /// A continued run keeps the last <c>Context − 1</c> inputs as its state.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Context { get; init; }

    [JsonIgnore] public bool IsTransformer => Kind == EncoderKind.Transformer;
    public int Directions => Bidirectional && !IsTransformer ? 2 : 1;
    public int OutputSize => Hidden * Directions;
}
