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
        var batch = sentences.Count;
        var steps = sentences.Max(s => s.Count);
        var slots = features.Config.Slots;
        var wordIds = new long[batch * steps];
        var affixIds = new long[batch * steps * slots];
        var lengths = new long[batch];
        var mask = new bool[batch * steps];
        for (var b = 0; b < batch; b++)
        {
            var sentence = sentences[b];
            lengths[b] = sentence.Count;
            for (var t = 0; t < sentence.Count; t++)
            {
                var at = b * steps + t;
                var id = features.WordId(sentence[t]);
                if (wordDropout > 0 && id != PosFeatures.UnkId && rng!.NextDouble() < wordDropout) id = PosFeatures.UnkId;
                wordIds[at] = id;
                mask[at] = true;
                features.AffixIds(sentence[t], affixIds.AsSpan(at * slots, slots));
            }
        }
        return new PosBatch(
            tensor(wordIds, [batch, steps]),
            tensor(affixIds, [batch, steps, slots]),
            tensor(lengths),
            tensor(mask, [batch, steps]));
    }
}
