using SeqServe.Core.Modeling;
using SeqServe.Core.Training;
using static TorchSharp.torch;

namespace SeqServe.Core.Sentiment;

/// <summary>Encoded reviews: token ids per text and the labels.</summary>
public sealed record EncodedReviews(IReadOnlyList<long[]> Ids, IReadOnlyList<bool> Labels)
{
    public int Count => Ids.Count;
}

/// <summary>IMDB sentiment for the shared trainer: length-bucketed batches, BCE-with-logits loss.</summary>
public sealed class SentimentProblem(SentimentNetwork network, EncodedReviews train, EncodedReviews valid, int evalBatchSize = 128)
    : ITrainingProblem
{
    public nn.Module Model => network;
    public int TrainCount => train.Count;

    public IEnumerable<int[]> EpochBatches(Random rng, int batchSize) => PaddedBatches.Bucketed(PaddedBatches.LengthsOf(train.Ids), rng, batchSize);

    public Tensor Loss(int[] batch) => BatchLoss(train, batch).Loss;

    public ValidationResult Validate()
    {
        double lossSum = 0;
        var correct = 0;
        foreach (var batch in PaddedBatches.ByLength(PaddedBatches.LengthsOf(valid.Ids), evalBatchSize))
        {
            using var scope = NewDisposeScope();
            var (loss, logits, targets) = BatchLoss(valid, batch);
            lossSum += loss.item<float>() * batch.Length;
            correct += (int)((logits >= 0).to_type(ScalarType.Float32) == targets).sum().item<long>();
        }
        return new ValidationResult(lossSum / valid.Count, (double)correct / valid.Count);
    }

    private (Tensor Loss, Tensor Logits, Tensor Targets) BatchLoss(EncodedReviews data, int[] batch)
    {
        var (ids, lengths) = PaddedBatches.Pad(batch.Select(i => data.Ids[i]).ToList());
        var targets = tensor(batch.Select(i => data.Labels[i] ? 1f : 0f).ToArray());
        var logits = network.call(ids, lengths);
        return (nn.functional.binary_cross_entropy_with_logits(logits, targets), logits, targets);
    }

    /// <summary>p(positive) for every example, in order (eval mode, no grad, a dispose scope per batch).</summary>
    public static float[] Score(SentimentNetwork network, IReadOnlyList<long[]> ids, int batchSize = 128)
    {
        var scores = new float[ids.Count];
        foreach (var batch in PaddedBatches.ByLength(PaddedBatches.LengthsOf(ids), batchSize))
        {
            using var scope = NewDisposeScope();
            using var mode = inference_mode();
            var (x, lengths) = PaddedBatches.Pad(batch.Select(i => ids[i]).ToList());
            var p = sigmoid(network.call(x, lengths)).data<float>().ToArray();
            for (var k = 0; k < batch.Length; k++) scores[batch[k]] = p[k];
        }
        return scores;
    }
}
