using SeqServe.Core.Modeling;
using SeqServe.Core.Training;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.Mnist;

/// <summary>
/// Digits read row by row: cross-entropy of the last step's output against the label. Training images
/// are shifted by up to <paramref name="maxShift"/> pixels at random (seeded), which keeps a 2-layer LSTM
/// from memorising the training set.
/// </summary>
public sealed class MnistTrainingProblem(StepNetwork network, RowImages train, RowImages validation, int maxShift, int seed)
    : ITrainingProblem
{
    private readonly Random shifts = new(seed);

    public nn.Module Model => network;

    public int TrainCount => train.Count;

    public Tensor Loss(int[] batch)
    {
        var (rows, target) = train.Batch(batch, maxShift > 0 ? shifts : null, maxShift);
        return nn.functional.cross_entropy(RowImages.Logits(network, rows), target);
    }

    public ValidationResult Validate()
    {
        var (loss, accuracy) = validation.Evaluate(network);
        return new ValidationResult(loss, accuracy);
    }
}
