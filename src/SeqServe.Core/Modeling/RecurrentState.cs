using static TorchSharp.torch;

namespace SeqServe.Core.Modeling;

/// <summary>Hidden state of a recurrent encoder: h (layers*dirs, batch, hidden) and, for LSTM, c.</summary>
public sealed record RecurrentState(Tensor H, Tensor? C)
{
    /// <summary>A copy cut from the autograd graph (truncated BPTT, serving sessions).</summary>
    public RecurrentState Detach() => new(H.detach(), C?.detach());

    /// <summary>Moves the tensors out of the current dispose scope so they outlive it.</summary>
    public RecurrentState Keep()
    {
        H.MoveToOuterDisposeScope();
        C?.MoveToOuterDisposeScope();
        return this;
    }

    public void Dispose()
    {
        H.Dispose();
        C?.Dispose();
    }
}
