using SeqServe.Core.Modeling;

namespace SeqServe.Core.Serving;

/// <summary>
/// The serving form of RNNCell/LSTMCell: a model whose hidden state a caller keeps between calls, so
/// feeding a series a few values at a time gives the same outputs as feeding it whole.
/// </summary>
public interface IStatefulStepper : IServedModel
{
    int InputFeatures { get; }

    /// <summary>
    /// Runs <paramref name="inputs"/> (steps × <see cref="InputFeatures"/>) on from <paramref name="state"/>
    /// (null: a fresh zero state) and returns one output per step plus the state after the last step.
    /// The caller owns the returned state (dispose it) and must not use one state from two threads at once.
    /// </summary>
    (float[] Outputs, StepperState State) Step(float[][] inputs, StepperState? state);
}

/// <summary>A hidden state held between calls, outside any dispose scope; disposing frees its tensors.</summary>
public sealed class StepperState(RecurrentState state) : IDisposable
{
    public RecurrentState Recurrent { get; } = state;

    public void Dispose() => Recurrent.Dispose();
}
