using SeqServe.Core.Modeling;
using TorchSharp;
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

    /// <summary>Rows of the character table (padding and unknown included); 0: no character encoder (the English tagger).</summary>
    public int Characters { get; init; }
    public int CharDim { get; init; } = 32;
    /// <summary>Filters of the character CNN, each max-pooled over the word's characters: the encoder's width.</summary>
    public int CharFilters { get; init; }
    public int CharWidth { get; init; } = 3;

    public bool HasCharacterEncoder => Characters > 0 && CharFilters > 0;

    /// <summary>Independently initialised taggers of this shape trained side by side, their probabilities averaged (1: a single tagger).</summary>
    public int Members { get; init; } = 1;

    public int FeatureSize => WordDim + AffixSlots * AffixDim + (HasCharacterEncoder ? CharFilters : 0);
}

/// <summary>
/// Word embedding ⊕ hashed suffix/prefix/shape embeddings (⊕, when configured, a character CNN over each
/// word's characters, max-pooled) → shared recurrent encoder (bidirectional by
/// default) → Linear → log_softmax per token. Sentences of different lengths share one padded batch; the
/// encoder keeps every real token exact. With <see cref="PosTaggerConfig.Members"/> &gt; 1 the network is that
/// many such taggers (each its own loss in training) whose probabilities are averaged. Field names are
/// checkpoint keys: keep them.
/// </summary>
public sealed class PosTaggerNetwork : nn.Module
{
    // A single tagger's layers (null in an ensemble, whose members hold them).
    private readonly Embedding? words;
    private readonly Embedding? affixes;
    private readonly Dropout? dropout;
    private readonly ISequenceEncoder? encoder;
    private readonly Linear? head;
    // Only with a character encoder (null otherwise, so checkpoints without one keep their keys).
    private readonly Embedding? characters;
    private readonly Conv1d? characterConv;
    // Only in an ensemble (Members > 1).
    private readonly ModuleList<PosTaggerNetwork>? members;
    private readonly Scalar logMembers;
    private static readonly Scalar Lowest = float.MinValue, CharPad = PosFeatures.CharPadId; // held: no Scalar temporary per call

    public PosTaggerConfig Config { get; }

    /// <summary>Tests and benchmarks only: run the encoder on packed sequences (see <see cref="RecurrentEncoder.PackedReference"/>).</summary>
    public bool PackedReference
    {
        get => members is null ? (encoder as RecurrentEncoder)?.PackedReference ?? false : members[0].PackedReference;
        set
        {
            if (members is null) ((RecurrentEncoder)encoder!).PackedReference = value;
            else foreach (var member in members) member.PackedReference = value;
        }
    }

    public PosTaggerNetwork(PosTaggerConfig config) : base(nameof(PosTaggerNetwork))
    {
        if (config.Encoder.InputSize != config.FeatureSize)
            throw new ArgumentException($"encoder input size {config.Encoder.InputSize} must equal the feature size {config.FeatureSize}.");
        if (config.Members < 1)
            throw new ArgumentException($"an ensemble needs at least one member (got {config.Members}).");
        Config = config;
        logMembers = Math.Log(config.Members);
        if (config.Members > 1)
        {
            if (config.Encoder.Heads > 0)
                throw new ArgumentException("an ensemble of taggers has no single attention map: use one member with attention.");
            members = nn.ModuleList([.. Enumerable.Range(0, config.Members).Select(_ => new PosTaggerNetwork(config with { Members = 1 }))]);
            RegisterComponents();
            return;
        }
        words = nn.Embedding(config.Vocabulary, config.WordDim, padding_idx: PosFeatures.PadId);
        affixes = nn.Embedding(config.AffixRows, config.AffixDim, padding_idx: 0);
        dropout = nn.Dropout(config.Dropout);
        encoder = SequenceEncoders.Create(config.Encoder);
        head = nn.Linear(config.Encoder.OutputSize, config.Tags);
        if (config.HasCharacterEncoder)
        {
            characters = nn.Embedding(config.Characters, config.CharDim, padding_idx: PosFeatures.CharPadId);
            characterConv = nn.Conv1d(config.CharDim, config.CharFilters, config.CharWidth, padding: config.CharWidth / 2);
        }
        RegisterComponents();
    }

    /// <summary>
    /// Word ids (batch, steps), affix ids (batch, steps, slots), lengths (batch) and, with a character
    /// encoder, character ids (batch, steps, chars; <see cref="PosBatch.CharIds"/>) → log-probabilities
    /// (batch, steps, tags); padded steps hold garbage and must be masked by the caller.
    /// </summary>
    public Tensor Forward(Tensor wordIds, Tensor affixIds, Tensor lengths, Tensor? charIds = null) => Run(wordIds, affixIds, lengths, charIds).LogProbabilities;

    /// <summary>The batch's inputs through <see cref="Forward"/>.</summary>
    public Tensor Forward(PosBatch batch) => Forward(batch.WordIds, batch.AffixIds, batch.Lengths, batch.CharIds);

    /// <summary>Each member's log-probabilities (members, batch, steps, tags): what training scores, one loss per member.</summary>
    public Tensor MemberLogProbabilities(PosBatch batch) => members is null
        ? Forward(batch).unsqueeze(0)
        : stack([.. members.Select(m => m.Forward(batch))], 0);

    /// <summary>As <see cref="Forward"/>, with the encoder's attention weights averaged over heads (batch, token, token) when it attends.</summary>
    public (Tensor LogProbabilities, Tensor? Attention) Run(Tensor wordIds, Tensor affixIds, Tensor lengths, Tensor? charIds = null)
    {
        if (members is not null) // log of the mean probability
            return (stack([.. members.Select(m => m.Forward(wordIds, affixIds, lengths, charIds))], 0).logsumexp(0).sub(logMembers), null);
        var (batch, steps) = (wordIds.shape[0], wordIds.shape[1]);
        var w = words!.call(wordIds);
        var a = affixes!.call(affixIds).reshape(batch, steps, -1);
        Tensor[] parts = characterConv is null ? [w, a]
            : [w, a, CharacterFeatures(charIds ?? throw new ArgumentException("this tagger reads characters: pass their ids.", nameof(charIds)))];
        var x = dropout!.call(cat(parts, dim: 2));
        var encoded = encoder!.Encode(x, lengths);
        return (nn.functional.log_softmax(head!.call(dropout.call(encoded.Outputs)), dim: 2), encoded.Attention);
    }

    /// <summary>Character ids (batch, steps, chars) → (batch, steps, filters): a CNN over each word's characters, max-pooled over the real ones (padding words → 0).</summary>
    private Tensor CharacterFeatures(Tensor charIds)
    {
        var (batch, steps, chars) = (charIds.shape[0], charIds.shape[1], charIds.shape[2]);
        var flat = charIds.reshape(batch * steps, chars);
        var real = flat.ne(CharPad); // (words, chars)
        var conv = characterConv!.call(characters!.call(flat).transpose(1, 2)); // (words, filters, chars)
        var pooled = conv.masked_fill(real.logical_not().unsqueeze(1), Lowest).amax([2]);
        var any = real.any(1).unsqueeze(1).to_type(pooled.dtype);
        return (pooled * any).reshape(batch, steps, -1);
    }
}
