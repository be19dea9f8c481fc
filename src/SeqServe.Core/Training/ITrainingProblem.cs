using static TorchSharp.torch;

namespace SeqServe.Core.Training;

/// <summary>
/// What a task hands the shared <see cref="Trainer"/>: the model, the training examples (by index),
/// the loss of a mini-batch and a validation pass. Everything else (optimiser, clipping, seeding,
/// early stopping, cancellation, progress, dispose scopes) is the trainer's.
/// </summary>
public interface ITrainingProblem
{
    nn.Module Model { get; }

    /// <summary>Number of training examples; batches are index sets into them.</summary>
    int TrainCount { get; }

    /// <summary>The batches of one epoch. The default shuffles with the seeded <paramref name="rng"/>;
    /// tasks that stream (truncated BPTT) keep their order.</summary>
    IEnumerable<int[]> EpochBatches(Random rng, int batchSize) => Batching.Shuffled(TrainCount, rng, batchSize);

    /// <summary>Called once at the start of every epoch (e.g. to reset a carried hidden state).</summary>
    void BeginEpoch() { }

    /// <summary>Forward pass and loss for one batch, in training mode. Runs inside the step's dispose scope.</summary>
    Tensor Loss(int[] batch);

    /// <summary>Validation pass (eval mode, no grad). Runs inside a dispose scope.</summary>
    ValidationResult Validate();
}

/// <summary>Held-out figures after an epoch. Lower <see cref="Loss"/> is better (early stopping).</summary>
public sealed record ValidationResult(double Loss, double? Accuracy = null);

public static class Batching
{
    public static IEnumerable<int[]> Shuffled(int count, Random rng, int batchSize)
    {
        var order = Enumerable.Range(0, count).ToArray();
        rng.Shuffle(order);
        for (var i = 0; i < count; i += batchSize)
            yield return order[i..Math.Min(count, i + batchSize)];
    }

    public static IEnumerable<int[]> InOrder(int count, int batchSize)
    {
        for (var i = 0; i < count; i += batchSize)
            yield return Enumerable.Range(i, Math.Min(batchSize, count - i)).ToArray();
    }
}
