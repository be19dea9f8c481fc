using SeqServe.Core.Modeling;
using static TorchSharp.torch;

namespace SeqServe.Core.Pos;

/// <summary>Padded input tensors for a batch of token sequences (pad id 0 everywhere).</summary>
public sealed record PosBatch(Tensor WordIds, Tensor AffixIds, Tensor Lengths, Tensor Mask)
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
        return new PosBatch(words, tensor(affixIds, [sentences.Count, steps, slots]), lengths, PaddedBatches.Mask(lengths, steps));
    }
}
