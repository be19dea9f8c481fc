using SeqServe.Core.Training;

namespace SeqServe.Core.Modeling;

/// <summary>Fills the shared encoder's shape from a request, falling back to a recipe's defaults.</summary>
public static class ArchitectureResolver
{
    /// <summary>Heads of a transformer or of self-attention when the request gives none.</summary>
    public const int DefaultHeads = 4;
    /// <summary>A transformer's feed-forward width when the request gives none, as a multiple of <c>hidden</c>.</summary>
    public const int DefaultFfMultiple = 4;

    /// <summary>
    /// The encoder: recurrent (the recipe's cell, directions, …; with <c>attention: self</c> self-attention over
    /// its outputs) or, with <c>encoder: transformer</c>, a transformer of <c>layers</c> layers of width <c>hidden</c>
    /// (one direction; <c>heads</c> default 4, <c>ffHidden</c> default 4 × hidden).
    /// </summary>
    public static RecurrentConfig Encoder(ArchitectureSpec? spec, RecurrentConfig defaults, int inputSize)
    {
        var kind = spec?.Encoder is { } e ? (e == "transformer" ? EncoderKind.Transformer : EncoderKind.Recurrent) : defaults.Kind;
        var attention = kind == EncoderKind.Transformer ? AttentionKind.None
            : spec?.Attention is { } a ? (a == "self" ? AttentionKind.Self : AttentionKind.None) : defaults.Attention;
        var hidden = spec?.Hidden ?? defaults.Hidden;
        var attends = kind == EncoderKind.Transformer || attention == AttentionKind.Self;
        return defaults with
        {
            Kind = kind,
            Attention = attention,
            Heads = attends ? spec?.Heads ?? (defaults.Heads > 0 ? defaults.Heads : DefaultHeads) : 0,
            FfHidden = kind == EncoderKind.Transformer ? spec?.FfHidden ?? DefaultFfMultiple * hidden : 0,
            Cell = spec?.Cell is { } cell ? SpecBounds.ParseCell(cell) : defaults.Cell,
            Nonlinearity = spec?.Nonlinearity ?? defaults.Nonlinearity,
            Hidden = hidden,
            Layers = spec?.Layers ?? defaults.Layers,
            Bidirectional = kind != EncoderKind.Transformer && (spec?.Bidirectional ?? defaults.Bidirectional),
            Dropout = spec?.Dropout ?? defaults.Dropout,
            InputSize = inputSize,
        };
    }

    /// <summary>
    /// A <see cref="StepNetwork"/>'s shape: the encoder as above, the outputs per step, the input embedding when the
    /// inputs are tokens (its size is the encoder's input size), and the request's <c>inputOutputDropout</c>, else
    /// the recipe's default (none unless it gives one). Attention in a step network is causal (a step never sees a
    /// later one); a transformer attends to at most <paramref name="context"/> inputs per step (the training window).
    /// </summary>
    public static StepNetworkConfig Step(ArchitectureSpec? spec, RecurrentConfig defaults, int inputSize, int outputs,
        int? vocabulary = null, double? defaultInputOutputDropout = null, int? context = null) => new()
    {
        Encoder = Causal(Encoder(spec, defaults, inputSize), context),
        Outputs = outputs,
        Vocabulary = vocabulary,
        EmbeddingDim = vocabulary is null ? null : inputSize,
        InputOutputDropout = spec?.InputOutputDropout ?? defaultInputOutputDropout,
    };

    private static RecurrentConfig Causal(RecurrentConfig encoder, int? context) => encoder.Heads == 0 ? encoder : encoder with
    {
        Causal = true,
        Context = encoder.IsTransformer ? context ?? 0 : 0,
    };
}
