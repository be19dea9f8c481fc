using static TorchSharp.torch;

namespace SeqServe.Core.Modeling;

/// <summary>
/// What one encoder pass over a padded batch gives: every step's output (zero beyond each length), the final
/// hidden state of every layer and direction (recurrent encoders only) and, when the encoder attends, the
/// attention weights averaged over heads (batch, query step, key step) of its last attention layer.
/// </summary>
public sealed record EncodedBatch(Tensor Outputs, Tensor? Hidden, Tensor? Attention);

/// <summary>
/// The shared encoder every network is built from: <see cref="RecurrentEncoder"/> (optionally with
/// self-attention over its outputs) or <see cref="TransformerStack"/>, chosen by <see cref="RecurrentConfig.Kind"/>.
/// </summary>
public interface ISequenceEncoder : IDisposable
{
    RecurrentConfig Config { get; }

    /// <summary>A padded batch (batch, steps, features) with its lengths (batch): exact at every real step.</summary>
    EncodedBatch Encode(Tensor input, Tensor lengths);

    /// <summary>A dense batch (batch, steps, features) continuing from <paramref name="state"/>: every step's output and the state to continue from.</summary>
    (Tensor Outputs, RecurrentState State) Run(Tensor input, RecurrentState? state = null);
}

public static class SequenceEncoders
{
    /// <summary>The encoder a configuration describes.</summary>
    public static ISequenceEncoder Create(RecurrentConfig config) =>
        config.IsTransformer ? new TransformerStack(config) : new RecurrentEncoder(config);
}
