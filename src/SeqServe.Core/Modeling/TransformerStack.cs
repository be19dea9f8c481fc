using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SeqServe.Core.Modeling;

/// <summary>
/// One Transformer encoder layer, the maths of torch's <c>TransformerEncoderLayer</c> (post-norm, ReLU):
/// x = norm1(x + dropout(selfAttention(x))); x = norm2(x + dropout(ff2(dropout(relu(ff1(x)))))).
/// Built on <see cref="MultiHeadSelfAttention"/> so the masks are explicit and the weights can be read.
/// </summary>
public sealed class TransformerLayer : nn.Module
{
    private readonly MultiHeadSelfAttention attention;
    private readonly LayerNorm norm1;
    private readonly Linear ff1;
    private readonly Linear ff2;
    private readonly LayerNorm norm2;
    private readonly double dropout;

    public TransformerLayer(int size, int heads, int ffHidden, double dropout) : base(nameof(TransformerLayer))
    {
        this.dropout = dropout;
        attention = new MultiHeadSelfAttention(size, heads, dropout);
        norm1 = nn.LayerNorm(size);
        ff1 = nn.Linear(size, ffHidden);
        ff2 = nn.Linear(ffHidden, size);
        norm2 = nn.LayerNorm(size);
        RegisterComponents();
    }

    public (Tensor Outputs, Tensor Weights) Run(Tensor x, Tensor? padding, bool causal)
    {
        var (attended, weights) = attention.Attend(x, padding, causal);
        x = norm1.call(x + Drop(attended));
        x = norm2.call(x + Drop(ff2.call(Drop(nn.functional.relu(ff1.call(x))))));
        return (x, weights);
    }

    private Tensor Drop(Tensor x) => training && dropout > 0 ? nn.functional.dropout(x, dropout, training: true) : x;
}

/// <summary>
/// The Transformer encoder option of the shared encoder: a linear projection of the inputs (token
/// embeddings or numeric features) to the model width, sinusoidal positional encoding, then
/// <see cref="RecurrentConfig.Layers"/> <see cref="TransformerLayer"/>s. Padded steps are masked as keys
/// and zero in the outputs; a causal config never lets a step see a later one. Field names are checkpoint keys.
/// </summary>
public sealed class TransformerStack : nn.Module, ISequenceEncoder
{
    private static readonly Scalar Zero = 0f.ToScalar();

    private readonly Linear input;
    private readonly ModuleList<TransformerLayer> layers;

    public RecurrentConfig Config { get; }

    public TransformerStack(RecurrentConfig config) : base(nameof(TransformerStack))
    {
        if (!config.IsTransformer) throw new ArgumentException("not a transformer configuration", nameof(config));
        Config = config;
        input = nn.Linear(config.InputSize, config.Hidden);
        layers = nn.ModuleList([.. Enumerable.Range(0, config.Layers)
            .Select(_ => new TransformerLayer(config.Hidden, config.Heads, config.FfHidden, config.Dropout))]);
        RegisterComponents();
    }

    /// <summary>sin(p / 10000^(2i/d)) at even features, cos at odd ones: (steps, width).</summary>
    public static Tensor PositionalEncoding(long steps, int width)
    {
        var values = new float[steps * width];
        for (var p = 0; p < steps; p++)
            for (var i = 0; i < width; i += 2)
            {
                var angle = p / Math.Pow(10000, (double)i / width);
                values[p * width + i] = (float)Math.Sin(angle);
                if (i + 1 < width) values[p * width + i + 1] = (float)Math.Cos(angle);
            }
        return tensor(values, [steps, width]);
    }

    /// <summary>(batch, steps, input) with padding (batch, steps; true at padded steps) or null → outputs and the last layer's weights.</summary>
    private (Tensor Outputs, Tensor Weights) Forward(Tensor x, Tensor? padding)
    {
        var y = input.call(x) + PositionalEncoding(x.shape[1], Config.Hidden).unsqueeze(0);
        Tensor weights = null!;
        foreach (var layer in layers) (y, weights) = layer.Run(y, padding, Config.Causal);
        return (padding is null ? y : y.masked_fill(padding.unsqueeze(2), Zero), weights);
    }

    public EncodedBatch Encode(Tensor input, Tensor lengths)
    {
        var padding = PaddedBatches.Mask(lengths, input.shape[1]).logical_not();
        var (y, weights) = Forward(input, padding);
        return new EncodedBatch(y, null, weights);
    }

    /// <summary>
    /// A dense batch continuing from <paramref name="state"/> (the last inputs of the previous call): with a
    /// <see cref="RecurrentConfig.Context"/>, every output sees at most that many inputs, positioned from 0 as in
    /// training windows. The state returned holds the last <c>Context − 1</c> inputs (all of them without a context).
    /// </summary>
    public (Tensor Outputs, RecurrentState State) Run(Tensor x, RecurrentState? state = null)
    {
        if (state is not null && !Config.Causal)
            throw new InvalidOperationException("only a causal transformer can continue from earlier inputs.");
        var full = state is null ? x : cat([state.H, x], 1);
        var (total, added, context) = (full.shape[1], x.shape[1], (long)Config.Context);
        Tensor outputs;
        if (context <= 0 || total <= context)
        {
            outputs = Forward(full, null).Outputs.narrow(1, total - added, added);
        }
        else
        {
            var first = total - added; // the first position whose output is wanted
            var parts = new List<Tensor>();
            if (first < context) parts.Add(Forward(full.narrow(1, 0, context), null).Outputs.narrow(1, first, context - first));
            // every later position i sees the window of inputs (i − context, i], positioned 0 … context − 1
            var from = Math.Max(first, context);
            var count = total - from;
            var windows = full.unfold(1, context, 1).narrow(1, from - context + 1, count); // (batch, count, features, context)
            var batch = full.shape[0];
            var flat = windows.permute(0, 1, 3, 2).reshape(batch * count, context, full.shape[2]);
            parts.Add(Forward(flat, null).Outputs.select(1, -1).view(batch, count, -1));
            outputs = parts.Count == 1 ? parts[0] : cat(parts, 1);
        }
        var kept = context <= 0 ? full : full.narrow(1, Math.Max(0, total - (context - 1)), Math.Min(total, context - 1));
        return (outputs, new RecurrentState(kept, null));
    }
}
