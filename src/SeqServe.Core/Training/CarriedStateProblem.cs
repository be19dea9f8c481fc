using SeqServe.Core.Modeling;
using static TorchSharp.torch;

namespace SeqServe.Core.Training;

/// <summary>
/// Truncated BPTT with the hidden state carried between batches (the seeds' stateful training): a batch
/// is window w of every stream, the state one window ends with starts the next (detached, so gradients
/// stop at the window edge), and it is reset at the start of every epoch. The batch size is the number
/// of streams in the training text; example s·W + w is stream s, window w. With <paramref name="carry"/>
/// false every window starts from no state (a transformer: its windows are independent examples).
/// <paramref name="epochStreams"/> gives epoch e's training streams (1-based; the same shape every epoch): one
/// fixed text, or a text that changes per epoch (the character model's rotating extra text). Streams it
/// returns stay owned by the caller.
/// </summary>
public sealed class CarriedStateProblem : ITrainingProblem, IDisposable
{
    private readonly StepNetwork network;
    private readonly Func<int, StreamWindows> epochStreams;
    private readonly Func<Tensor, Tensor, Tensor> loss;
    private readonly Func<ValidationResult> validate;
    private readonly bool carry;
    private StreamWindows train;
    private RecurrentState? carried;
    private int epoch = 1;

    public CarriedStateProblem(StepNetwork network, Func<int, StreamWindows> epochStreams, Func<Tensor, Tensor, Tensor> loss,
        Func<ValidationResult> validate, bool carry = true)
    {
        (this.network, this.epochStreams, this.loss, this.validate, this.carry) = (network, epochStreams, loss, validate, carry);
        train = epochStreams(1);
    }

    /// <summary>One training text for every epoch (the caller keeps owning it).</summary>
    public CarriedStateProblem(StepNetwork network, StreamWindows train, Func<Tensor, Tensor, Tensor> loss,
        Func<ValidationResult> validate, bool carry = true) : this(network, _ => train, loss, validate, carry) { }

    public nn.Module Model => network;

    public int TrainCount => train.Streams * train.Windows;

    public IEnumerable<int[]> EpochBatches(Random rng, int batchSize)
    {
        for (var w = 0; w < train.Windows; w++)
            yield return [.. Enumerable.Range(0, train.Streams).Select(s => s * train.Windows + w)];
    }

    public void BeginEpoch()
    {
        Carry(null);
        if (epoch++ == 1) return;
        var next = epochStreams(epoch);
        if (ReferenceEquals(next, train)) return;
        if (next.Streams != train.Streams || next.Windows != train.Windows)
            throw new InvalidOperationException("every epoch's training streams must have the same shape");
        train = next;
    }

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
