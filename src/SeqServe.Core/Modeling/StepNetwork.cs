using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SeqServe.Core.Modeling;

/// <summary>Shape of a <see cref="StepNetwork"/>; stored as the manifest's architecture.</summary>
public sealed record StepNetworkConfig
{
    public required RecurrentConfig Encoder { get; init; }
    /// <summary>Outputs per step (1 for regression, the class count for classification).</summary>
    public required int Outputs { get; init; }
    /// <summary>With token inputs: vocabulary size of the input embedding (null: inputs are feature vectors).</summary>
    public int? Vocabulary { get; init; }
    public int? EmbeddingDim { get; init; }
    /// <summary>Dropout on the network's input (after the embedding) and on the encoder's output before the head,
    /// in training only; with the encoder's between-layer dropout this covers every non-recurrent connection.
    /// Null or 0: none. Holds no weights, so it does not change the checkpoint keys.</summary>
    public double? InputOutputDropout { get; init; }
}

/// <summary>
/// Optional input embedding → shared encoder (recurrent, optionally with causal self-attention, or a causal
/// transformer) → Linear at every step. The network behind
/// per-step regression (sin→cos), forecasting and character mapping. Field names are checkpoint keys.
/// </summary>
public sealed class StepNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Embedding? embedding;
    private readonly ISequenceEncoder encoder;
    private readonly Linear head;
    private readonly Dropout? inputOutputDropout;

    public StepNetworkConfig Config { get; }

    public StepNetwork(StepNetworkConfig config) : base(nameof(StepNetwork))
    {
        Config = config;
        if (config.Vocabulary is { } vocabulary)
            embedding = nn.Embedding(vocabulary, config.EmbeddingDim ?? config.Encoder.InputSize);
        encoder = SequenceEncoders.Create(config.Encoder);
        head = nn.Linear(config.Encoder.OutputSize, config.Outputs);
        if (config.InputOutputDropout is > 0 and var p) inputOutputDropout = nn.Dropout(p);
        RegisterComponents();
    }

    /// <summary>(batch, steps[, features]) → (batch, steps, outputs) and the final state, continuing from <paramref name="state"/>.</summary>
    public (Tensor Outputs, RecurrentState State) Run(Tensor input, RecurrentState? state = null)
    {
        var x = embedding is null ? input : embedding.call(input);
        if (inputOutputDropout is not null) x = inputOutputDropout.call(x);
        var (y, next) = encoder.Run(x, state);
        if (inputOutputDropout is not null) y = inputOutputDropout.call(y);
        return (head.call(y), next);
    }

    public override Tensor forward(Tensor input) => Run(input).Outputs;
}
