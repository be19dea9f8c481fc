using SeqServe.Core.Text;
using SeqServe.Core.Modeling;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SeqServe.Core.Sentiment;

/// <summary>Shape of a <see cref="SentimentNetwork"/>; stored as the manifest's architecture.</summary>
public sealed record SentimentNetworkConfig
{
    public required int Vocabulary { get; init; }
    public int EmbeddingDim { get; init; } = 100;
    public required RecurrentConfig Encoder { get; init; }
    /// <summary>"last" (final forward/backward hidden), "max" (over steps) or "attention".</summary>
    public string Pooling { get; init; } = "max";
    /// <summary>Dropout on the embeddings and before the output layer (training only).</summary>
    public double Dropout { get; init; } = 0.5;
    /// <summary>Pretrained embeddings the table started from (e.g. "glove-100d"), or null.</summary>
    public string? PretrainedEmbeddings { get; init; }
    public bool FreezeEmbeddings { get; init; }
}

/// <summary>
/// What one forward pass gives: a logit per text and, with attention pooling, its weights per step; with an
/// encoder that attends (self-attention or transformer), its last attention layer's weights averaged over heads
/// (batch, query step, key step) in <paramref name="SelfAttention"/>.
/// </summary>
public sealed record SentimentOutput(Tensor Logits, Tensor? Attention, Tensor? SelfAttention = null);

/// <summary>
/// Embedding → shared <see cref="RecurrentEncoder"/> over the padded batch (exact at every length) →
/// pooling (last | max | attention) → dropout → Linear → one logit (p(positive) after a sigmoid).
/// Field names are checkpoint keys: keep them.
/// </summary>
public sealed class SentimentNetwork : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly ISequenceEncoder encoder;
    private readonly Linear? attention;
    private readonly Linear head;
    private readonly Dropout dropout;

    // Held for the process's life: an implicit float → Scalar temporary can be finalized while the native
    // call still reads it (seen as "Expected false to be true" in masked_fill under concurrent load).
    private static readonly Scalar MaskedForMax = (-1e4f).ToScalar();
    private static readonly Scalar MaskedForAttention = float.NegativeInfinity.ToScalar();

    public SentimentNetworkConfig Config { get; }

    /// <summary>Tests and benchmarks only: run the encoder on packed sequences (see <see cref="RecurrentEncoder.PackedReference"/>).</summary>
    public bool PackedReference { get => (encoder as RecurrentEncoder)?.PackedReference ?? false; set => ((RecurrentEncoder)encoder).PackedReference = value; }

    public SentimentNetwork(SentimentNetworkConfig config) : base(nameof(SentimentNetwork))
    {
        Config = config;
        embedding = nn.Embedding(config.Vocabulary, config.EmbeddingDim, padding_idx: Vocabulary.PadIndex);
        encoder = SequenceEncoders.Create(config.Encoder with { InputSize = config.EmbeddingDim });
        if (config.Pooling == "attention") attention = nn.Linear(config.Encoder.OutputSize, 1);
        head = nn.Linear(config.Encoder.OutputSize, 1);
        dropout = nn.Dropout(config.Dropout);
        RegisterComponents();
    }

    /// <summary>Copies pretrained rows into the embedding table (index → vector); sets trainability.</summary>
    public void InitEmbeddings(IReadOnlyDictionary<int, float[]> rows, bool freeze)
    {
        using (no_grad())
        {
            foreach (var (index, vector) in rows)
                embedding.weight![index] = tensor(vector);
            embedding.weight![Vocabulary.PadIndex] = zeros(Config.EmbeddingDim);
        }
        embedding.weight!.requires_grad = !freeze;
    }

    public Tensor EmbeddingRow(int index) => embedding.weight![index];

    /// <summary>Token ids (batch, steps), padded with 0, and their lengths (batch) → logits (batch).</summary>
    public override Tensor forward(Tensor ids, Tensor lengths) => Run(Embed(ids), lengths).Logits;

    public Tensor Embed(Tensor ids) => embedding.call(ids);

    /// <summary>The rest of the network from embedded inputs (batch, steps, dim); lets attributions take gradients w.r.t. them.</summary>
    public SentimentOutput Run(Tensor embedded, Tensor lengths)
    {
        var steps = embedded.shape[1];
        var encoded = encoder.Encode(dropout.call(embedded), lengths);
        var padded = encoded.Outputs;
        Tensor pooled;
        Tensor? weights = null;
        if (Config.Pooling == "last")
        {
            pooled = ((RecurrentEncoder)encoder).FinalHidden(encoded.Hidden!);
        }
        else
        {
            using var stepCount = steps.ToScalar();
            var padding = arange(stepCount).unsqueeze(0) >= lengths.unsqueeze(1); // (batch, steps)
            if (attention is null)
            {
                pooled = padded.masked_fill(padding.unsqueeze(2), MaskedForMax).amax([1]);
            }
            else
            {
                var scores = attention.call(tanh(padded)).squeeze(2).masked_fill(padding, MaskedForAttention);
                weights = softmax(scores, 1);
                pooled = (weights.unsqueeze(2) * padded).sum(1);
            }
        }
        return new SentimentOutput(head.call(dropout.call(pooled)).squeeze(1), weights, encoded.Attention);
    }
}
