using SeqServe.Core.Modeling;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.CharGeneration;

/// <summary>
/// A long text cut into <c>streams</c> parallel, contiguous pieces (one per batch row), read window after
/// window so that a window continues exactly where the same row's previous window stopped: the layout
/// truncated BPTT needs to carry the hidden state from batch to batch.
/// </summary>
public sealed class CharStreams : IDisposable
{
    private readonly Tensor data; // (streams, length + 1): row s holds text[s*length … (s+1)*length]

    public int Streams { get; }
    public int Length { get; }
    public int Window { get; }
    /// <summary>Windows per stream (the last one may be shorter when <see cref="Length"/> is not a multiple).</summary>
    public int Windows => (Length + Window - 1) / Window;

    public CharStreams(long[] ids, int streams, int window)
    {
        Streams = Math.Max(1, Math.Min(streams, (ids.Length - 1) / 2));
        Length = (ids.Length - 1) / Streams;
        Window = window;
        var rows = new long[Streams * (Length + 1)];
        for (var s = 0; s < Streams; s++) Array.Copy(ids, s * Length, rows, s * (Length + 1), Length + 1);
        data = tensor(rows, [Streams, Length + 1]);
    }

    /// <summary>Inputs and next-character targets of window <paramref name="w"/>: both (streams, steps).</summary>
    public (Tensor Inputs, Tensor Targets) Slice(int w)
    {
        var start = w * Window;
        var steps = Math.Min(Window, Length - start);
        return (data.narrow(1, start, steps), data.narrow(1, start + 1, steps));
    }

    /// <summary>Summed cross-entropy (nats) of the window's predictions and the state to carry on from.</summary>
    public static (Tensor Loss, RecurrentState State) WindowLoss(StepNetwork network, Tensor inputs, Tensor targets,
        RecurrentState? state, nn.Reduction reduction)
    {
        var (logits, next) = network.Run(inputs, state);
        var loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), targets.reshape(-1), reduction: reduction);
        return (loss, next);
    }

    /// <summary>Mean nats per predicted character over the whole text, state carried across windows (call under no_grad).</summary>
    public double NatsPerChar(StepNetwork network)
    {
        double sum = 0;
        RecurrentState? state = null;
        for (var w = 0; w < Windows; w++)
        {
            using var scope = NewDisposeScope();
            var (inputs, targets) = Slice(w);
            var (loss, next) = WindowLoss(network, inputs, targets, state, nn.Reduction.Sum);
            sum += loss.item<float>();
            state?.Dispose();
            state = next.Keep();
        }
        state?.Dispose();
        return sum / ((double)Streams * Length);
    }

    public void Dispose() => data.Dispose();
}
