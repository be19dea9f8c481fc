using SeqServe.Core.Modeling;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.Forecasting;

/// <summary>Reads a history, then feeds each predicted step back in as the next input.</summary>
public static class AutoregressiveRollout
{
    /// <summary>(batch, steps, features) of history → (batch, horizon, features) of predicted next steps.</summary>
    public static Tensor Run(StepNetwork network, Tensor history, int horizon)
    {
        var (y, state) = network.Run(history);
        var next = y.narrow(1, history.shape[1] - 1, 1);
        var outputs = new List<Tensor> { next };
        for (var h = 1; h < horizon; h++)
        {
            (next, state) = network.Run(next, state);
            outputs.Add(next);
        }
        return cat(outputs, 1);
    }
}
