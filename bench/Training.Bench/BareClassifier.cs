using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SeqServe.Training.Bench;

/// <summary>
/// The baseline: the same network as the SeqServe sentiment model under test, written as a bare TorchSharp
/// module around one stacked nn.LSTM, fed either the dense padded batch (what the fused kernel is fastest
/// on; the last state of a padded sequence is then not exact) or the packed batch (exact, and what SeqServe
/// did before).
/// </summary>
internal sealed class BareClassifier : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly LSTM lstm;
    private readonly Dropout dropout;
    private readonly Linear head;
    private readonly bool packed;

    public BareClassifier(BenchShape shape, bool packed) : base(nameof(BareClassifier))
    {
        this.packed = packed;
        embedding = nn.Embedding(shape.Vocabulary, shape.EmbeddingDim, padding_idx: 0);
        lstm = nn.LSTM(shape.EmbeddingDim, shape.Hidden, shape.Layers, batchFirst: true, dropout: shape.Dropout, bidirectional: true);
        dropout = nn.Dropout(shape.Dropout);
        head = nn.Linear(2 * shape.Hidden, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor ids, Tensor lengths)
    {
        var x = dropout.call(embedding.call(ids));
        Tensor h;
        if (packed)
        {
            using var input = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first: true, enforce_sorted: false);
            var (y, hn, _) = lstm.call(input, null);
            y.Dispose();
            h = hn;
        }
        else
        {
            (_, h, _) = lstm.call(x, null);
        }
        var pooled = cat([h[-2], h[-1]], dim: 1);
        return head.call(dropout.call(pooled)).squeeze(1);
    }
}
