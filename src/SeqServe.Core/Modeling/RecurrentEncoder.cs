using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SeqServe.Core.Modeling;

/// <summary>
/// The one recurrent encoder every SeqServe model is built from (RNN with tanh/relu, LSTM or GRU;
/// stacked, optionally bidirectional, batch-first).
/// <para>
/// Every layer and direction is its own single-layer module, so each runs libtorch's fused kernel on a
/// dense batch; a padded batch stays exact without packing (see <see cref="Run(Tensor, Tensor)"/>).
/// The parameters keep the keys of one stacked torch module (<c>rnn.weight_ih_l0</c>,
/// <c>rnn.bias_hh_l1_reverse</c>, …), so checkpoints written before this layout load unchanged.
/// </para>
/// </summary>
public sealed class RecurrentEncoder : nn.Module, ISequenceEncoder
{
    /// <summary>Prefix of every parameter key (the field name of the stacked module this layout replaced).</summary>
    private const string KeyPrefix = "rnn";

    /// <summary>Held explicitly: an implicit Scalar temporary can be freed while a native op still reads it.</summary>
    private static readonly Scalar One = 1L.ToScalar(), Zero = 0f.ToScalar();

    /// <summary>[layer * directions + direction]; not registered as submodules: their parameters are, under the stacked keys.</summary>
    private readonly nn.Module[] layers;
    private readonly CellKind cell;
    private nn.Module? packedReference;
    /// <summary>With <see cref="AttentionKind.Self"/>: multi-head self-attention over the outputs (residual); null otherwise (no keys).</summary>
    private readonly MultiHeadSelfAttention? selfAttention;

    public RecurrentConfig Config { get; }

    /// <summary>
    /// Run padded batches through a stacked module on packed sequences (the previous implementation),
    /// with a snapshot of the current weights. The reference for tests and the baseline for benchmarks:
    /// slow, and it does not train the encoder's parameters.
    /// </summary>
    public bool PackedReference
    {
        get => packedReference is not null;
        set
        {
            packedReference?.Dispose();
            packedReference = value ? StackedCopy() : null;
        }
    }

    public RecurrentEncoder(RecurrentConfig config) : base(nameof(RecurrentEncoder))
    {
        Config = config;
        cell = config.Cell;
        var random = torch.random.get_rng_state();
        layers = new nn.Module[config.Layers * config.Directions];
        for (var layer = 0; layer < config.Layers; layer++)
            for (var direction = 0; direction < config.Directions; direction++)
                layers[layer * config.Directions + direction] =
                    Create(config, layer == 0 ? config.InputSize : config.OutputSize, layers: 1, bidirectional: false, dropout: 0);
        // Initial weights are drawn exactly as a stacked module draws them, so a seed trains as it did before.
        torch.random.set_rng_state(random);
        using var stacked = Stacked(config);
        using (no_grad())
        {
            foreach (var (key, parameter) in LayerParameters())
                parameter.copy_(StackedParameter(stacked, key));
        }
        foreach (var (key, parameter) in LayerParameters()) register_parameter(key, parameter);
        if (config.Attention == AttentionKind.Self)
            selfAttention = new MultiHeadSelfAttention(config.OutputSize, config.Heads, config.Dropout);
        RegisterComponents();
    }

    /// <summary>Every layer's parameters under the stacked module's keys (e.g. rnn.weight_hh_l1_reverse).</summary>
    private IEnumerable<(string Key, Parameter Parameter)> LayerParameters()
    {
        for (var i = 0; i < layers.Length; i++)
        {
            var (layer, direction) = (i / Config.Directions, i % Config.Directions);
            foreach (var (name, parameter) in layers[i].named_parameters())
                yield return ($"{KeyPrefix}.{name.Replace("_l0", "_l" + layer)}{(direction == 1 ? "_reverse" : "")}", parameter);
        }
    }

    private static nn.Module Stacked(RecurrentConfig config) =>
        Create(config, config.InputSize, config.Layers, config.Bidirectional, config.Layers > 1 ? config.Dropout : 0.0);

    private static nn.Module Create(RecurrentConfig config, long inputSize, long layers, bool bidirectional, double dropout) =>
        config.Cell switch
        {
            CellKind.Lstm => nn.LSTM(inputSize, config.Hidden, layers, batchFirst: true, dropout: dropout, bidirectional: bidirectional),
            CellKind.Gru => nn.GRU(inputSize, config.Hidden, layers, batchFirst: true, dropout: dropout, bidirectional: bidirectional),
            _ => nn.RNN(inputSize, config.Hidden, layers,
                config.Nonlinearity == "relu" ? nn.NonLinearities.ReLU : nn.NonLinearities.Tanh,
                batchFirst: true, dropout: dropout, bidirectional: bidirectional),
        };

    private static Parameter StackedParameter(nn.Module stacked, string key) =>
        stacked.get_parameter(key[(KeyPrefix.Length + 1)..])
        ?? throw new InvalidOperationException($"the stacked module has no parameter for {key}");

    private nn.Module StackedCopy()
    {
        var stacked = Stacked(Config);
        using (no_grad())
        {
            foreach (var (key, parameter) in LayerParameters())
                StackedParameter(stacked, key).copy_(parameter);
        }
        stacked.eval();
        return stacked;
    }

    /// <summary>
    /// Runs the encoder over a dense batch (batch, steps, features) in which every sequence is full length;
    /// returns every step's output and the final state, continuing from <paramref name="state"/>.
    /// </summary>
    public (Tensor Outputs, RecurrentState State) Run(Tensor input, RecurrentState? state = null)
    {
        var directions = Config.Directions;
        var x = input;
        var h = new Tensor[layers.Length];
        var c = cell == CellKind.Lstm ? new Tensor[layers.Length] : null;
        for (var layer = 0; layer < Config.Layers; layer++)
        {
            var outputs = new Tensor[directions];
            for (var direction = 0; direction < directions; direction++)
            {
                var i = layer * directions + direction;
                var h0 = state?.H[i].unsqueeze(0);
                var c0 = state is null || c is null ? null : state.C?[i].unsqueeze(0) ?? zeros_like(h0!);
                var reversed = direction == 1;
                var (y, hn, cn) = Step(layers[i], reversed ? x.flip(1) : x, h0, c0);
                outputs[direction] = reversed ? y.flip(1) : y;
                h[i] = hn;
                if (c is not null) c[i] = cn!;
            }
            x = BetweenLayers(outputs, layer);
        }
        return (x, new RecurrentState(cat(h, 0), c is null ? null : cat(c, 0)));
    }

    /// <summary>
    /// Runs a padded batch: (batch, steps, features) with each sequence's real steps first, and its lengths
    /// (batch). Returns every step's output, zero beyond each length, and the final hidden state of every
    /// layer and direction at the true lengths, (layers*dirs, batch, hidden): equal to running the batch
    /// packed. Sequences of very different lengths run in separate groups (<see cref="LengthGroups"/>), so
    /// little work goes to padding; within a group the forward direction runs on the dense batch (a real
    /// step never sees the padding after it) and the backward direction on each sequence reversed within
    /// its own length, then reversed back, layer by layer, so every layer reads exact inputs at real steps.
    /// </summary>
    public (Tensor Outputs, Tensor Hidden) Run(Tensor input, Tensor lengths)
    {
        var steps = input.shape[1];
        var host = lengths.to(ScalarType.Int64).data<long>().ToArray();
        if (host.Length != input.shape[0] || host.Any(l => l < 1 || l > steps))
            throw new ArgumentException($"one length per sequence, each in [1, {steps}], is required", nameof(lengths));
        if (packedReference is not null) return RunPacked(input, lengths);
        var groups = host.Min() == host.Max() ? [] : LengthGroups.Plan(host);
        if (groups.Count <= 1) return RunGroup(input, host, steps);

        var outputs = new Tensor[groups.Count];
        var hidden = new Tensor[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            var members = tensor(groups[g].Select(i => (long)i).ToArray());
            (outputs[g], hidden[g]) = RunGroup(input.index_select(0, members), groups[g].Select(i => host[i]).ToArray(), steps);
        }
        var placed = new long[host.Length];
        var k = 0;
        foreach (var group in groups)
            foreach (var i in group) placed[i] = k++;
        var back = tensor(placed);
        return (cat(outputs, 0).index_select(0, back), cat(hidden, 1).index_select(1, back));
    }

    /// <summary>One group of the padded batch, exact at the true lengths (see <see cref="Run(Tensor, Tensor)"/>).</summary>
    private (Tensor Outputs, Tensor Hidden) RunGroup(Tensor input, long[] lengths, long steps)
    {
        var (shortest, longest) = (lengths.Min(), lengths.Max());
        var x = longest < input.shape[1] ? input[.., ..(int)longest] : input;
        if (shortest == longest)
        {
            var (y, state) = Run(x);
            return (PadTo(y, steps), state.H);
        }

        var batch = lengths.Length;
        var positions = arange(longest, dtype: ScalarType.Int64).unsqueeze(0);
        var ends = tensor(lengths).unsqueeze(1);
        var padding = positions >= ends; // (batch, longest)
        var lastIndex = ends - One;
        // flat row indices into (batch * longest) rows: each sequence reversed within its length, padding left in place
        var reversal = (where(padding, positions, lastIndex - positions) + arange(batch, dtype: ScalarType.Int64).unsqueeze(1) * longest).view(-1);
        var last = lastIndex.unsqueeze(2).expand(batch, 1, Config.Hidden);

        var directions = Config.Directions;
        var h = new Tensor[layers.Length];
        for (var layer = 0; layer < Config.Layers; layer++)
        {
            var outputs = new Tensor[directions];
            var (forward, _, _) = Step(layers[layer * directions], x, null, null);
            outputs[0] = forward;
            h[layer * directions] = forward.gather(1, last).transpose(0, 1);
            if (directions == 2)
            {
                var (backward, _, _) = Step(layers[layer * directions + 1], WithinLengths(x, reversal), null, null);
                outputs[1] = WithinLengths(backward, reversal);
                h[layer * directions + 1] = outputs[1][.., ..1].transpose(0, 1);
            }
            x = BetweenLayers(outputs, layer);
        }
        return (PadTo(x.masked_fill(padding.unsqueeze(2), Zero), steps), cat(h, 0));
    }

    /// <summary>The padded batch as <see cref="Run(Tensor, Tensor)"/> runs it, then the self-attention when configured.</summary>
    public EncodedBatch Encode(Tensor input, Tensor lengths)
    {
        var (y, hidden) = Run(input, lengths);
        if (selfAttention is null) return new EncodedBatch(y, hidden, null);
        var padding = PaddedBatches.Mask(lengths, input.shape[1]).logical_not();
        var (attended, weights) = selfAttention.Attend(y, padding, Config.Causal);
        return new EncodedBatch((y + attended).masked_fill(padding.unsqueeze(2), Zero), hidden, weights);
    }

    /// <summary>The dense run, then the self-attention when configured (over this call's steps only).</summary>
    (Tensor Outputs, RecurrentState State) ISequenceEncoder.Run(Tensor input, RecurrentState? state)
    {
        var (y, next) = Run(input, state);
        if (selfAttention is null) return (y, next);
        var (attended, _) = selfAttention.Attend(y, null, Config.Causal);
        return (y + attended, next);
    }

    /// <summary>Zero steps appended up to <paramref name="steps"/>, as unpacking a packed batch gives.</summary>
    private static Tensor PadTo(Tensor y, long steps) =>
        y.shape[1] == steps ? y : nn.functional.pad(y, [0, 0, 0, steps - y.shape[1]]);

    /// <summary>Reorders the steps of (batch, steps, features) by flat row indices (an index_select: far cheaper than gather here).</summary>
    private static Tensor WithinLengths(Tensor x, Tensor reversal) =>
        x.reshape(-1, x.shape[2]).index_select(0, reversal).view(x.shape[0], x.shape[1], x.shape[2]);

    /// <summary>The directions' outputs side by side, with the between-layer dropout in training (not after the last layer).</summary>
    private Tensor BetweenLayers(Tensor[] outputs, int layer)
    {
        var y = outputs.Length == 1 ? outputs[0] : cat(outputs, 2);
        return layer < Config.Layers - 1 && Config.Dropout > 0 && training
            ? nn.functional.dropout(y, Config.Dropout, training: true)
            : y;
    }

    private (Tensor Outputs, Tensor H, Tensor? C) Step(nn.Module module, Tensor x, Tensor? h0, Tensor? c0)
    {
        switch (cell)
        {
            case CellKind.Lstm:
            {
                var (y, h, c) = ((LSTM)module).call(x, h0 is null ? null : (h0, c0!));
                return (y, h, c);
            }
            case CellKind.Gru:
            {
                var (y, h) = ((GRU)module).call(x, h0);
                return (y, h, null);
            }
            default:
            {
                var (y, h) = ((RNN)module).call(x, h0);
                return (y, h, null);
            }
        }
    }

    private (Tensor Outputs, Tensor Hidden) RunPacked(Tensor input, Tensor lengths)
    {
        using var packed = nn.utils.rnn.pack_padded_sequence(input, lengths, batch_first: true, enforce_sorted: false);
        nn.utils.rnn.PackedSequence y;
        Tensor h;
        switch (cell)
        {
            case CellKind.Lstm:
                (y, h, _) = ((LSTM)packedReference!).call(packed, null);
                break;
            case CellKind.Gru:
                (y, h) = ((GRU)packedReference!).call(packed, null);
                break;
            default:
                (y, h) = ((RNN)packedReference!).call(packed, null);
                break;
        }
        using var packedOutputs = y;
        var (padded, _) = nn.utils.rnn.pad_packed_sequence(y, batch_first: true, total_length: input.shape[1]);
        return (padded, h);
    }

    /// <summary>
    /// Concatenation of the last layer's final forward (and backward) hidden state: (batch, OutputSize),
    /// from a final hidden state (layers*dirs, batch, hidden).
    /// </summary>
    public Tensor FinalHidden(Tensor h)
    {
        var layerCount = Config.Layers;
        if (!Config.Bidirectional) return h[layerCount - 1];
        return cat([h[2 * layerCount - 2], h[2 * layerCount - 1]], dim: 1);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var layer in layers) layer.Dispose();
            packedReference?.Dispose();
        }
        base.Dispose(disposing);
    }
}
