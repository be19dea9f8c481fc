using SeqServe.Core.Modeling;
using static TorchSharp.torch;

namespace SeqServe.Core.Training;

/// <summary>
/// Truncated BPTT with the hidden state carried between batches (the seeds' stateful training): a batch
/// is window w of every stream, the state one window ends with starts the next (detached, so gradients
/// stop at the window edge), and it is reset at the start of every epoch. The batch size is the number
/// of streams in <paramref name="train"/>; example s·W + w is stream s, window w. With <paramref name="carry"/>
/// false every window starts from no state (a transformer: its windows are independent examples).
/// </summary>
public sealed class CarriedStateProblem(StepNetwork network, StreamWindows train, Func<Tensor, Tensor, Tensor> loss,
    Func<ValidationResult> validate, bool carry = true) : ITrainingProblem, IDisposable
{
    private RecurrentState? carried;

    public nn.Module Model => network;

    public int TrainCount => train.Streams * train.Windows;

    public IEnumerable<int[]> EpochBatches(Random rng, int batchSize)
    {
        for (var w = 0; w < train.Windows; w++)
            yield return [.. Enumerable.Range(0, train.Streams).Select(s => s * train.Windows + w)];
    }

    public void BeginEpoch() => Carry(null);

    public Tensor Loss(int[] batch)
    {
        var (inputs, targets) = train.Slice(batch[0] % train.Windows);
        var (outputs, next) = network.Run(inputs, carried);
        Carry(carry ? next.Detach().Keep() : null);
        return loss(outputs, targets);
    }

    public ValidationResult Validate() => validate();

    private void Carry(RecurrentState? state)
    {
        carried?.Dispose();
        carried = state;
    }

    public void Dispose() => Carry(null);
}
