using SeqServe.Core.Modeling;
using SeqServe.Core.Training;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.Mnist;

/// <summary>Digits read row by row: cross-entropy of the last step's output against the label.</summary>
public sealed class MnistTrainingProblem(StepNetwork network, RowImages train, RowImages validation) : ITrainingProblem
{
    public nn.Module Model => network;

    public int TrainCount => train.Count;

    public Tensor Loss(int[] batch)
    {
        var (rows, target) = train.Batch(batch);
        return nn.functional.cross_entropy(RowImages.Logits(network, rows), target);
    }

    public ValidationResult Validate()
    {
        var (loss, accuracy) = validation.Evaluate(network);
        return new ValidationResult(loss, accuracy);
    }
}
