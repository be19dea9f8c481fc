namespace SeqServe.Core.Pos;

/// <summary>Token accuracy, accuracy on words unseen in training, and per-tag precision/recall.</summary>
public sealed record PosScores(long Tokens, long Correct, long UnknownTokens, long UnknownCorrect,
    IReadOnlyDictionary<string, double> Precision, IReadOnlyDictionary<string, double> Recall)
{
    public double Accuracy => Tokens == 0 ? 0 : (double)Correct / Tokens;
    public double UnknownAccuracy => UnknownTokens == 0 ? 0 : (double)UnknownCorrect / UnknownTokens;

    /// <summary>The manifest's metric names (API.md) plus per-tag figures as <c>testPrecision.NOUN</c>, <c>testRecall.NOUN</c>.</summary>
    public Dictionary<string, double> ToMetrics()
    {
        var metrics = new Dictionary<string, double>
        {
            ["testAccuracy"] = Math.Round(Accuracy, 5),
            ["testUnknownWordAccuracy"] = Math.Round(UnknownAccuracy, 5),
        };
        foreach (var (tag, p) in Precision) metrics[$"testPrecision.{tag}"] = Math.Round(p, 5);
        foreach (var (tag, r) in Recall) metrics[$"testRecall.{tag}"] = Math.Round(r, 5);
        return metrics;
    }
}

public static class PosEvaluation
{
    /// <summary>
    /// Scores <paramref name="predict"/> (token lists → tag per token) on gold sentences. A token is
    /// "unknown" when its exact form never occurs in <paramref name="trainingWords"/>.
    /// </summary>
    public static PosScores Score(IReadOnlyList<TaggedSentence> gold, ISet<string> trainingWords,
        Func<IReadOnlyList<IReadOnlyList<string>>, IReadOnlyList<string[]>> predict, int batchSize = 128, IReadOnlyList<string>? tagSet = null)
    {
        tagSet ??= UniversalTags.All;
        long tokens = 0, correct = 0, unknown = 0, unknownCorrect = 0;
        var predicted = new Dictionary<string, long>();
        var actual = new Dictionary<string, long>();
        var hits = new Dictionary<string, long>();
        var order = Enumerable.Range(0, gold.Count).OrderBy(i => gold[i].Words.Length).ToArray();
        foreach (var chunk in order.Chunk(batchSize))
        {
            var tags = predict(chunk.Select(i => (IReadOnlyList<string>)gold[i].Words).ToList());
            for (var c = 0; c < chunk.Length; c++)
            {
                var sentence = gold[chunk[c]];
                for (var k = 0; k < sentence.Words.Length; k++)
                {
                    var (want, got) = (sentence.Tags[k], tags[c][k]);
                    var ok = want == got;
                    tokens++;
                    if (ok) { correct++; hits[want] = hits.GetValueOrDefault(want) + 1; }
                    predicted[got] = predicted.GetValueOrDefault(got) + 1;
                    actual[want] = actual.GetValueOrDefault(want) + 1;
                    if (!trainingWords.Contains(sentence.Words[k]))
                    {
                        unknown++;
                        if (ok) unknownCorrect++;
                    }
                }
            }
        }
        var precision = tagSet.Where(predicted.ContainsKey)
            .ToDictionary(t => t, t => (double)hits.GetValueOrDefault(t) / predicted[t]);
        var recall = tagSet.Where(actual.ContainsKey)
            .ToDictionary(t => t, t => (double)hits.GetValueOrDefault(t) / actual[t]);
        return new PosScores(tokens, correct, unknown, unknownCorrect, precision, recall);
    }

    public static HashSet<string> WordsOf(IEnumerable<TaggedSentence> sentences) =>
        sentences.SelectMany(s => s.Words).ToHashSet(StringComparer.Ordinal);

    /// <summary>A tagger's predictions as tag names, for <see cref="Score"/>.</summary>
    public static Func<IReadOnlyList<IReadOnlyList<string>>, IReadOnlyList<string[]>> Using(PosTagger tagger) =>
        batch => tagger.Predict(batch).Select(p => p.Tags.Select(t => tagger.TagSet[t]).ToArray()).ToList();
}
