namespace SeqServe.Core.Training;

/// <summary>
/// Model shape as a request gives it. Every field is optional; a recipe fills what is missing from
/// its defaults and ignores fields its task has no use for (each recipe documents which it reads).
/// </summary>
public sealed record ArchitectureSpec
{
    /// <summary>"recurrent" (default) or "transformer".</summary>
    public string? Encoder { get; init; }
    /// <summary>Recurrent encoder only: "none" (default) or "self" (multi-head self-attention over its outputs).</summary>
    public string? Attention { get; init; }
    /// <summary>Attention heads (transformer or self-attention; default 4); must divide the encoder's output width.</summary>
    public int? Heads { get; init; }
    /// <summary>Transformer only: width of each layer's feed-forward block (default 4 × hidden).</summary>
    public int? FfHidden { get; init; }
    /// <summary>"rnn", "lstm" or "gru".</summary>
    public string? Cell { get; init; }
    /// <summary>Only with cell "rnn": "tanh" or "relu".</summary>
    public string? Nonlinearity { get; init; }
    public int? Hidden { get; init; }
    public int? Layers { get; init; }
    public bool? Bidirectional { get; init; }
    public double? Dropout { get; init; }
    /// <summary>Dropout on the model's input and on the encoder's output (every per-step sequence model; off unless given, 0.25 for moby-dick).</summary>
    public double? InputOutputDropout { get; init; }
    /// <summary>Size of the input embedding for token or character inputs.</summary>
    public int? EmbeddingDim { get; init; }
    /// <summary>Taggers that read characters: filters of the character CNN over each word (0: none).</summary>
    public int? CharFilters { get; init; }
    /// <summary>Taggers: independently initialised copies trained side by side, their probabilities averaged (default 1).</summary>
    public int? Ensemble { get; init; }
    /// <summary>Name of pretrained embeddings to initialise from, e.g. "glove-100d".</summary>
    public string? PretrainedEmbeddings { get; init; }
    /// <summary>Keep pretrained embeddings fixed during training.</summary>
    public bool? FreezeEmbeddings { get; init; }
    /// <summary>How a sequence becomes one vector: "last", "max" or "attention".</summary>
    public string? Pooling { get; init; }
    /// <summary>How characters enter a character model: "embedding" or "one-hot".</summary>
    public string? InputEncoding { get; init; }
    /// <summary>Steps per training window for series and streams.</summary>
    public int? Window { get; init; }
    /// <summary>Text models: longest token sequence read per text.</summary>
    public int? MaxTokens { get; init; }
    /// <summary>Text models: largest vocabulary (special tokens included).</summary>
    public int? MaxVocabulary { get; init; }
    /// <summary>Text models: fewest training occurrences for a word to get its own vocabulary entry.</summary>
    public int? MinFrequency { get; init; }
}
