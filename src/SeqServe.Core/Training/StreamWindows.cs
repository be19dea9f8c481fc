using SeqServe.Core.Modeling;
using static TorchSharp.torch;

namespace SeqServe.Core.Training;

/// <summary>
/// Long sequences laid out as parallel, contiguous streams (one per batch row), read window after window
/// so that window w of a row continues exactly where window w−1 of the same row stopped: the layout
/// truncated BPTT needs to carry the hidden state from batch to batch. Inputs and targets are
/// (streams, length, …) tensors; a window is a view of <see cref="Window"/> steps of every stream.
/// </summary>
public sealed class StreamWindows(Tensor inputs, Tensor targets, int window) : IDisposable
{
    public int Streams { get; } = (int)inputs.shape[0];
    public int Length { get; } = (int)inputs.shape[1];
    public int Window { get; } = window;
    /// <summary>Windows per stream (the last one may be shorter when <see cref="Length"/> is not a multiple).</summary>
    public int Windows => (Length + Window - 1) / Window;

    /// <summary>Inputs and targets of window <paramref name="w"/>: (streams, steps, …) views.</summary>
    public (Tensor Inputs, Tensor Targets) Slice(int w)
    {
        var start = w * Window;
        var steps = Math.Min(Window, Length - start);
        return (inputs.narrow(1, start, steps), targets.narrow(1, start, steps));
    }

    /// <summary>
    /// Runs <paramref name="network"/> over every window in order, the state carried from window to window
    /// (each stream starts from a zero state), and hands each window's outputs and targets to
    /// <paramref name="visit"/>. No gradients; one dispose scope per window. A transformer has no recurrent state:
    /// it reads every window from scratch, as it trained (its outputs at a window's first steps see little context).
    /// </summary>
    public void Evaluate(StepNetwork network, Action<int, Tensor, Tensor> visit)
    {
        using var _ = no_grad();
        RecurrentState? state = null;
        for (var w = 0; w < Windows; w++)
        {
            using var scope = NewDisposeScope();
            var (x, y) = Slice(w);
            var (outputs, next) = network.Run(x, state);
            visit(w, outputs, y);
            state?.Dispose();
            state = network.Config.Encoder.IsTransformer ? null : next.Keep();
        }
        state?.Dispose();
    }

    public void Dispose()
    {
        inputs.Dispose();
        targets.Dispose();
    }
}
