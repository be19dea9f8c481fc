using SeqServe.Core.Modeling;
using static TorchSharp.torch;

namespace SeqServe.Core.Pos;

/// <summary>
/// Padded input tensors for a batch of token sequences (pad id 0 everywhere); <see cref="CharIds"/>
/// (batch, steps, chars) only when the features have characters for a character encoder.
/// </summary>
public sealed record PosBatch(Tensor WordIds, Tensor AffixIds, Tensor Lengths, Tensor Mask, Tensor? CharIds = null)
{
    /// <summary>
    /// Featurises <paramref name="sentences"/>. With <paramref name="wordDropout"/> &gt; 0 each known word is
    /// replaced by &lt;unk&gt; with that probability (training), so the model learns to lean on affixes and context.
    /// </summary>
    public static PosBatch Create(PosFeatures features, IReadOnlyList<IReadOnlyList<string>> sentences,
        double wordDropout = 0, Random? rng = null)
    {
        var wordIds = sentences.Select(sentence => sentence.Select(word =>
        {
            long id = features.WordId(word);
            return wordDropout > 0 && id != PosFeatures.UnkId && rng!.NextDouble() < wordDropout ? PosFeatures.UnkId : id;
        }).ToArray()).ToList();
        var (words, lengths) = PaddedBatches.Pad(wordIds);
        var steps = words.shape[1];
        var slots = features.Config.Slots;
        var affixIds = new long[sentences.Count * steps * slots];
        for (var b = 0; b < sentences.Count; b++)
            for (var t = 0; t < sentences[b].Count; t++)
                features.AffixIds(sentences[b][t], affixIds.AsSpan((int)((b * steps + t) * slots), slots));
        return new PosBatch(words, tensor(affixIds, [sentences.Count, steps, slots]), lengths, PaddedBatches.Mask(lengths, steps),
            CharIdsOf(features, sentences, steps));
    }

    private static Tensor? CharIdsOf(PosFeatures features, IReadOnlyList<IReadOnlyList<string>> sentences, long steps)
    {
        if (features.Characters is null) return null;
        var chars = Math.Max(1, sentences.SelectMany(s => s).Select(w => Math.Min(w.Length, PosFeatures.MaxWordChars)).DefaultIfEmpty(1).Max());
        var ids = new long[sentences.Count * steps * chars];
        for (var b = 0; b < sentences.Count; b++)
            for (var t = 0; t < sentences[b].Count; t++)
                features.CharIds(sentences[b][t], ids.AsSpan((int)((b * steps + t) * chars), chars));
        return tensor(ids, [sentences.Count, steps, chars]);
    }
}
