using SeqServe.Core.Modeling;
using SeqServe.Core.Training;
using static TorchSharp.torch;

namespace SeqServe.Core.Sentiment;

/// <summary>Encoded reviews: token ids per text and the labels.</summary>
public sealed record EncodedReviews(IReadOnlyList<long[]> Ids, IReadOnlyList<bool> Labels)
{
    public int Count => Ids.Count;
}

/// <summary>
/// Where crops come from: every training text's whole token ids (before the window cut) and its sentences, and how
/// many crops each text gives per epoch.
/// </summary>
public sealed record CropSource(TextCrops Crops, IReadOnlyList<long[]> Ids, IReadOnlyList<bool> Labels, int PerText)
{
    public IReadOnlyList<List<(int Start, int End)>> Sentences { get; } = [.. Ids.Select(Crops.Sentences)];
}

/// <summary>
/// IMDB sentiment for the shared trainer: length-bucketed batches, BCE-with-logits loss. With <paramref name="crops"/>,
/// every epoch trains on the whole texts plus freshly drawn crops of them (labelled as their text).
/// </summary>
public sealed class SentimentProblem(SentimentNetwork network, EncodedReviews train, EncodedReviews valid, int evalBatchSize = 128,
    CropSource? crops = null, LexiconPhrases? phrases = null)
    : ITrainingProblem
{
    private EncodedReviews? epoch;

    public nn.Module Model => network;
    public int TrainCount => train.Count + (crops is null ? 0 : crops.Ids.Count * crops.PerText) + (phrases?.Count ?? 0);

    public IEnumerable<int[]> EpochBatches(Random rng, int batchSize)
    {
        epoch = train;
        if (crops is { PerText: > 0 } || phrases is not null)
        {
            var ids = new List<long[]>(TrainCount);
            var labels = new List<bool>(TrainCount);
            ids.AddRange(train.Ids);
            labels.AddRange(train.Labels);
            for (var k = 0; k < (crops?.PerText ?? 0); k++)
                for (var i = 0; i < crops!.Ids.Count; i++)
                {
                    ids.Add(crops.Crops.Crop(crops.Ids[i], crops.Sentences[i], rng));
                    labels.Add(crops.Labels[i]);
                }
            foreach (var (phrase, positive) in phrases?.Draw(rng) ?? [])
            {
                ids.Add(phrase);
                labels.Add(positive);
            }
            epoch = new EncodedReviews(ids, labels);
        }
        return PaddedBatches.Bucketed(PaddedBatches.LengthsOf(epoch.Ids), rng, batchSize);
    }

    public Tensor Loss(int[] batch) => BatchLoss(epoch ?? train, batch).Loss;

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
    public static float[] Score(SentimentNetwork network, IReadOnlyList<long[]> ids, int batchSize = 128) =>
        [.. Logits(network, ids, batchSize).Select(z => (float)Calibration.Sigmoid(z))];

    /// <summary>The logit for every example, in order (eval mode, no grad, a dispose scope per batch).</summary>
    public static float[] Logits(SentimentNetwork network, IReadOnlyList<long[]> ids, int batchSize = 128)
    {
        var scores = new float[ids.Count];
        foreach (var batch in PaddedBatches.ByLength(PaddedBatches.LengthsOf(ids), batchSize))
        {
            using var scope = NewDisposeScope();
            using var mode = inference_mode();
            var (x, lengths) = PaddedBatches.Pad(batch.Select(i => ids[i]).ToList());
            var p = network.call(x, lengths).data<float>().ToArray();
            for (var k = 0; k < batch.Length; k++) scores[batch[k]] = p[k];
        }
        return scores;
    }
}
