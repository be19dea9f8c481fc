using SeqServe.Core.Modeling;
using SeqServe.Core.Training;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.CharGeneration;

/// <summary>
/// Next-character prediction with truncated BPTT: batches keep the stream order, the hidden state of one
/// window starts the next (detached, so gradients stop at the window edge) and is reset every epoch.
/// An example is one window of one stream: example s·W + w is stream s, window w; a batch is window w of every stream.
/// </summary>
public sealed class CharStreamProblem(StepNetwork network, CharStreams train, CharStreams validation) : ITrainingProblem, IDisposable
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
        var (loss, next) = CharStreams.WindowLoss(network, inputs, targets, carried, nn.Reduction.Mean);
        Carry(next.Detach().Keep());
        return loss;
    }

    public ValidationResult Validate() => new(validation.NatsPerChar(network));

    private void Carry(RecurrentState? state)
    {
        carried?.Dispose();
        carried = state;
    }

    public void Dispose() => Carry(null);
}
