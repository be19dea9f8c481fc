namespace SeqServe.Core.Sentiment;

/// <summary>
/// Short training examples cut out of whole texts, so a classifier trained on long reviews also sees sentences and
/// phrases. A crop is one sentence of its text (sentences end after '.', '!' or '?' tokens), picked uniformly; with
/// probability <see cref="PhraseShare"/> it is cut further to a phrase: a random run of 2 to <see cref="LongestPhrase"/>
/// tokens inside that sentence. A crop is labelled as the text it came from, and never longer than the text's window.
/// </summary>
public sealed class TextCrops(IReadOnlySet<long> sentenceEnds, int maxTokens)
{
    public const double PhraseShare = 1.0 / 3;
    public const int LongestPhrase = 8;

    public const string Rule =
        "per training review and epoch, `crops` crops drawn with the epoch's seeded generator: one sentence of the review " +
        "(sentences end after a '.', '!' or '?' token; picked uniformly), cut with probability 1/3 to a phrase of 2-8 tokens " +
        "inside it; a crop is labelled with its review's polarity and holds at most maxTokens tokens";

    /// <summary>[start, end) of every sentence of <paramref name="ids"/> (the last one may lack an end mark).</summary>
    public List<(int Start, int End)> Sentences(long[] ids)
    {
        var spans = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            if (!sentenceEnds.Contains(ids[i])) continue;
            // a run of end marks ("!!!", "?!") stays with its sentence
            while (i + 1 < ids.Length && sentenceEnds.Contains(ids[i + 1])) i++;
            spans.Add((start, i + 1));
            start = i + 1;
        }
        if (start < ids.Length) spans.Add((start, ids.Length));
        return spans;
    }

    /// <summary>One crop of <paramref name="ids"/> (whose sentences are <paramref name="sentences"/>).</summary>
    public long[] Crop(long[] ids, List<(int Start, int End)> sentences, Random rng)
    {
        if (sentences.Count == 0) return ids;
        var (start, end) = sentences[rng.Next(sentences.Count)];
        var length = end - start;
        if (length > 2 && rng.NextDouble() < PhraseShare)
        {
            var phrase = rng.Next(2, Math.Min(LongestPhrase, length) + 1);
            start += rng.Next(length - phrase + 1);
            length = phrase;
        }
        return ids.AsSpan(start, Math.Min(length, maxTokens)).ToArray();
    }
}
