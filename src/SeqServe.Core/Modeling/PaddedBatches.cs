using static TorchSharp.torch;

namespace SeqServe.Core.Modeling;

/// <summary>
/// Batches of variable-length sequences, for every task: padding to the longest (pad id 0), the mask of
/// real steps, and batch orders that keep similar lengths together (little work spent on padding).
/// </summary>
public static class PaddedBatches
{
    /// <summary>(ids (batch, longest) padded with 0, lengths (batch)); an empty sequence counts as one padding step.</summary>
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

    /// <summary>(batch, steps) true at the real steps of each sequence.</summary>
    public static Tensor Mask(Tensor lengths, long steps) => arange(steps).unsqueeze(0).lt(lengths.unsqueeze(1));

    /// <summary>
    /// Shuffled batches of similar lengths: the seeded shuffle is cut into pools of <paramref name="poolBatches"/>
    /// batches, each pool is sorted by length (ties keep their shuffled order) and cut into batches, and the
    /// batch order is shuffled again. One pool of everything sorts the whole set.
    /// </summary>
    public static IEnumerable<int[]> Bucketed(IReadOnlyList<int> lengths, Random rng, int batchSize, int poolBatches = 50)
    {
        var order = Enumerable.Range(0, lengths.Count).ToArray();
        rng.Shuffle(order);
        var batches = new List<int[]>();
        var pool = (int)Math.Min(int.MaxValue, (long)batchSize * poolBatches);
        for (var p = 0; p < order.Length; p += pool)
        {
            var sorted = order[p..(int)Math.Min(order.Length, (long)p + pool)].OrderBy(i => lengths[i]).ToArray();
            for (var i = 0; i < sorted.Length; i += batchSize)
                batches.Add(sorted[i..Math.Min(sorted.Length, i + batchSize)]);
        }
        var shuffled = batches.ToArray();
        rng.Shuffle(shuffled);
        return shuffled;
    }

    /// <summary>Batches in order of length (evaluation), as index sets into the sequences.</summary>
    public static IEnumerable<int[]> ByLength(IReadOnlyList<int> lengths, int batchSize)
    {
        var sorted = Enumerable.Range(0, lengths.Count).OrderBy(i => lengths[i]).ToArray();
        for (var i = 0; i < sorted.Length; i += batchSize)
            yield return sorted[i..Math.Min(sorted.Length, i + batchSize)];
    }

    public static int[] LengthsOf<T>(IReadOnlyList<T[]> sequences) => [.. sequences.Select(s => s.Length)];
}
