using SeqServe.Core.Modeling;
using SeqServe.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SeqServe.Core.Pos;

/// <summary>
/// Tagging as a <see cref="ITrainingProblem"/>: length-bucketed batches (sentences of similar length
/// together, batch order shuffled), word dropout to &lt;unk&gt;, NLL over real tokens only (padding ignored).
/// </summary>
public sealed class PosTrainingProblem(
    PosTaggerNetwork network,
    PosFeatures features,
    IReadOnlyList<TaggedSentence> train,
    IReadOnlyList<TaggedSentence> valid,
    double wordDropout,
    int seed,
    IReadOnlyList<string>? tagSet = null) : ITrainingProblem
{
    private readonly Dictionary<string, long> tagIndex = (tagSet ?? UniversalTags.All).Select((t, i) => (t, i)).ToDictionary(p => p.t, p => (long)p.i);

    private readonly Random dropoutRng = new(seed);

    public nn.Module Model => network;
    public int TrainCount => train.Count;

    public IEnumerable<int[]> EpochBatches(Random rng, int batchSize) => LengthBuckets(train, rng, batchSize);

    /// <summary>Sorts the whole set by length (ties at random), cuts it into batches, shuffles the batches.</summary>
    public static IEnumerable<int[]> LengthBuckets(IReadOnlyList<TaggedSentence> sentences, Random rng, int batchSize) =>
        PaddedBatches.Bucketed(PaddedBatches.LengthsOf(sentences.Select(s => s.Words).ToList()), rng, batchSize, poolBatches: int.MaxValue);

    public Tensor Loss(int[] batch)
    {
        var sentences = batch.Select(i => train[i]).ToList();
        var inputs = PosBatch.Create(features, sentences.Select(s => (IReadOnlyList<string>)s.Words).ToList(),
            wordDropout, dropoutRng);
        return Nll(inputs, sentences, reduction: nn.Reduction.Mean);
    }

    public ValidationResult Validate()
    {
        double loss = 0;
        long correct = 0, total = 0;
        foreach (var chunk in PaddedBatches.ByLength(PaddedBatches.LengthsOf(valid.Select(s => s.Words).ToList()), 256))
        {
            using var scope = NewDisposeScope();
            var sentences = chunk.Select(i => valid[i]).ToList();
            var inputs = PosBatch.Create(features, sentences.Select(s => (IReadOnlyList<string>)s.Words).ToList());
            var logp = network.Forward(inputs);
            var (flat, targets) = RealTokens(logp, sentences);
            loss += nn.functional.nll_loss(flat, targets, reduction: nn.Reduction.Sum).item<float>();
            correct += flat.argmax(1).eq(targets).sum().item<long>();
            total += sentences.Sum(s => s.Words.Length);
        }
        return new ValidationResult(loss / Math.Max(1, total), (double)correct / Math.Max(1, total));
    }

    private Tensor Nll(PosBatch inputs, List<TaggedSentence> sentences, nn.Reduction reduction)
    {
        // One loss per member of an ensemble (each learns on its own), averaged.
        var each = network.MemberLogProbabilities(inputs);
        var losses = Enumerable.Range(0, (int)each.shape[0]).Select(m =>
        {
            var (flat, targets) = RealTokens(each[m], sentences);
            return nn.functional.nll_loss(flat, targets, reduction: reduction);
        }).ToArray();
        return losses.Length == 1 ? losses[0] : stack(losses).mean();
    }

    /// <summary>Log-probabilities of the real (non-padding) tokens, (tokens, tags), and their gold tag indices.</summary>
    private (Tensor LogProbs, Tensor Targets) RealTokens(Tensor logp, List<TaggedSentence> sentences)
    {
        var steps = (int)logp.shape[1];
        var positions = new List<long>();
        var targets = new List<long>();
        for (var b = 0; b < sentences.Count; b++)
            for (var t = 0; t < sentences[b].Tags.Length; t++)
            {
                positions.Add(b * steps + t);
                targets.Add(tagIndex[sentences[b].Tags[t]]);
            }
        var flat = logp.reshape(-1, logp.shape[2]).index_select(0, tensor(positions.ToArray()));
        return (flat, tensor(targets.ToArray()));
    }
}
