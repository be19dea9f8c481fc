using SeqServe.Core.Modeling;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SeqServe.Core.Pos;

/// <summary>Shape of a <see cref="PosTaggerNetwork"/>; stored as the manifest's architecture.</summary>
public sealed record PosTaggerConfig
{
    public required RecurrentConfig Encoder { get; init; }
    public required int Vocabulary { get; init; }
    public int WordDim { get; init; } = 64;
    /// <summary>Rows of the hashed affix/shape table (see <see cref="PosFeatureConfig.AffixRows"/>).</summary>
    public required int AffixRows { get; init; }
    public required int AffixSlots { get; init; }
    public int AffixDim { get; init; } = 16;
    public int Tags { get; init; } = 12;
    /// <summary>Dropout on the token features and on the encoder output (training only).</summary>
    public double Dropout { get; init; } = 0.25;

    public int FeatureSize => WordDim + AffixSlots * AffixDim;
}

/// <summary>
/// Word embedding ⊕ hashed suffix/prefix/shape embeddings → shared recurrent encoder (bidirectional by
/// default) → Linear → log_softmax per token. Sentences of different lengths share one padded batch; the
/// encoder keeps every real token exact. Field names are checkpoint keys: keep them.
/// </summary>
public sealed class PosTaggerNetwork : nn.Module
{
    private readonly Embedding words;
    private readonly Embedding affixes;
    private readonly Dropout dropout;
    private readonly ISequenceEncoder encoder;
    private readonly Linear head;

    public PosTaggerConfig Config { get; }

    /// <summary>Tests and benchmarks only: run the encoder on packed sequences (see <see cref="RecurrentEncoder.PackedReference"/>).</summary>
    public bool PackedReference { get => (encoder as RecurrentEncoder)?.PackedReference ?? false; set => ((RecurrentEncoder)encoder).PackedReference = value; }

    public PosTaggerNetwork(PosTaggerConfig config) : base(nameof(PosTaggerNetwork))
    {
        if (config.Encoder.InputSize != config.FeatureSize)
            throw new ArgumentException($"encoder input size {config.Encoder.InputSize} must equal the feature size {config.FeatureSize}.");
        Config = config;
        words = nn.Embedding(config.Vocabulary, config.WordDim, padding_idx: PosFeatures.PadId);
        affixes = nn.Embedding(config.AffixRows, config.AffixDim, padding_idx: 0);
        dropout = nn.Dropout(config.Dropout);
        encoder = SequenceEncoders.Create(config.Encoder);
        head = nn.Linear(config.Encoder.OutputSize, config.Tags);
        RegisterComponents();
    }

    /// <summary>
    /// Word ids (batch, steps), affix ids (batch, steps, slots), lengths (batch) → log-probabilities
    /// (batch, steps, tags); padded steps hold garbage and must be masked by the caller.
    /// </summary>
    public Tensor Forward(Tensor wordIds, Tensor affixIds, Tensor lengths) => Run(wordIds, affixIds, lengths).LogProbabilities;

    /// <summary>As <see cref="Forward"/>, with the encoder's attention weights averaged over heads (batch, token, token) when it attends.</summary>
    public (Tensor LogProbabilities, Tensor? Attention) Run(Tensor wordIds, Tensor affixIds, Tensor lengths)
    {
        var (batch, steps) = (wordIds.shape[0], wordIds.shape[1]);
        var w = words.call(wordIds);
        var a = affixes.call(affixIds).reshape(batch, steps, -1);
        var x = dropout.call(cat([w, a], dim: 2));
        var encoded = encoder.Encode(x, lengths);
        return (nn.functional.log_softmax(head.call(dropout.call(encoded.Outputs)), dim: 2), encoded.Attention);
    }
}
