using static TorchSharp.torch;

namespace SeqServe.Core.Sentiment;

/// <summary>Turns token-id sequences into padded batches and orders examples so batches hold similar lengths.</summary>
public static class SentimentBatches
{
    /// <summary>(ids (batch, longest) padded with 0, lengths (batch)) for the given sequences.</summary>
    public static (Tensor Ids, Tensor Lengths) Pad(IReadOnlyList<long[]> sequences)
    {
        var longest = Math.Max(1, sequences.Max(s => s.Length));
        var ids = new long[sequences.Count * longest];
        var lengths = new long[sequences.Count];
        for (var i = 0; i < sequences.Count; i++)
        {
            var s = sequences[i];
            Array.Copy(s, 0, ids, i * longest, s.Length);
            lengths[i] = Math.Max(1, s.Length);
        }
        return (tensor(ids, [sequences.Count, longest]), tensor(lengths));
    }

    /// <summary>
    /// Shuffled batches of similar lengths: the seeded shuffle is cut into pools of 50 batches, each pool is
    /// sorted by length and cut into batches, and the batch order is shuffled again.
    /// </summary>
    public static IEnumerable<int[]> Bucketed(IReadOnlyList<long[]> sequences, Random rng, int batchSize)
    {
        var order = Enumerable.Range(0, sequences.Count).ToArray();
        rng.Shuffle(order);
        var batches = new List<int[]>();
        var pool = batchSize * 50;
        for (var p = 0; p < order.Length; p += pool)
        {
            var sorted = order[p..Math.Min(order.Length, p + pool)].OrderBy(i => sequences[i].Length).ToArray();
            for (var i = 0; i < sorted.Length; i += batchSize)
                batches.Add(sorted[i..Math.Min(sorted.Length, i + batchSize)]);
        }
        var shuffled = batches.ToArray();
        rng.Shuffle(shuffled);
        return shuffled;
    }

    /// <summary>Batches in order of length (evaluation), as index sets into <paramref name="sequences"/>.</summary>
    public static IEnumerable<int[]> ByLength(IReadOnlyList<long[]> sequences, int batchSize)
    {
        var sorted = Enumerable.Range(0, sequences.Count).OrderBy(i => sequences[i].Length).ToArray();
        for (var i = 0; i < sorted.Length; i += batchSize)
            yield return sorted[i..Math.Min(sorted.Length, i + batchSize)];
    }
}
