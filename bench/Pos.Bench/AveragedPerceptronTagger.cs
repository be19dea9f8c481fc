using SeqServe.Core.Pos;

namespace SeqServe.Bench.Pos;

/// <summary>
/// The classic greedy averaged-perceptron tagger (Collins 2002; the feature set popularised by Honnibal's
/// "A good POS tagger in about 200 lines"): word, affixes, shape, neighbouring words and the previous
/// two predicted tags; weights averaged over every update.
/// </summary>
public sealed class AveragedPerceptronTagger
{
    private static readonly string[] Tags = [.. UniversalTags.All];
    private readonly Dictionary<string, float[]> weights = new(StringComparer.Ordinal);
    private readonly Dictionary<string, float[]> totals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> stamps = new(StringComparer.Ordinal);
    private int instances;

    public void Train(IReadOnlyList<TaggedSentence> sentences, int iterations, int seed)
    {
        var rng = new Random(seed);
        var order = Enumerable.Range(0, sentences.Count).ToArray();
        for (var it = 0; it < iterations; it++)
        {
            rng.Shuffle(order);
            foreach (var s in order.Select(i => sentences[i]))
            {
                string prev = "-START-", prev2 = "-START2-";
                for (var i = 0; i < s.Words.Length; i++)
                {
                    var features = Features(s.Words, i, prev, prev2);
                    var guess = Predict(features, weights);
                    var truth = UniversalTags.IndexOf(s.Tags[i]);
                    instances++;
                    if (guess != truth)
                        foreach (var f in features)
                        {
                            Update(f, truth, 1f);
                            Update(f, guess, -1f);
                        }
                    (prev2, prev) = (prev, s.Tags[i]);
                }
            }
        }
        Average();
    }

    public string[] Tag(IReadOnlyList<string> words)
    {
        var result = new string[words.Count];
        string prev = "-START-", prev2 = "-START2-";
        for (var i = 0; i < words.Count; i++)
        {
            result[i] = Tags[Predict(Features(words, i, prev, prev2), weights)];
            (prev2, prev) = (prev, result[i]);
        }
        return result;
    }

    private void Update(string feature, int tag, float value)
    {
        if (!weights.TryGetValue(feature, out var w))
        {
            weights[feature] = w = new float[Tags.Length];
            totals[feature] = new float[Tags.Length];
            stamps[feature] = new int[Tags.Length];
        }
        var total = totals[feature];
        var stamp = stamps[feature];
        total[tag] += (instances - stamp[tag]) * w[tag];
        stamp[tag] = instances;
        w[tag] += value;
    }

    private void Average()
    {
        foreach (var (feature, w) in weights)
        {
            var total = totals[feature];
            var stamp = stamps[feature];
            for (var t = 0; t < w.Length; t++)
                w[t] = (total[t] + (instances - stamp[t]) * w[t]) / instances;
        }
        totals.Clear();
        stamps.Clear();
    }

    private static int Predict(List<string> features, Dictionary<string, float[]> weights)
    {
        Span<float> scores = stackalloc float[Tags.Length];
        foreach (var f in features)
            if (weights.TryGetValue(f, out var w))
                for (var t = 0; t < w.Length; t++) scores[t] += w[t];
        var best = 0;
        for (var t = 1; t < scores.Length; t++)
            if (scores[t] > scores[best]) best = t;
        return best;
    }

    private static List<string> Features(IReadOnlyList<string> words, int i, string prev, string prev2)
    {
        var word = Normalize(words[i]);
        string At(int k) => k < 0 ? "-START-" : k >= words.Count ? "-END-" : Normalize(words[k]);
        var p1 = At(i - 1);
        var n1 = At(i + 1);
        return
        [
            "bias",
            "w " + word,
            "s1 " + Suffix(word, 1), "s2 " + Suffix(word, 2), "s3 " + Suffix(word, 3), "s4 " + Suffix(word, 4),
            "p1 " + word[..1], "p2 " + word[..Math.Min(2, word.Length)], "p3 " + word[..Math.Min(3, word.Length)],
            "shape " + PosFeatures.Shape(words[i]),
            "t-1 " + prev, "t-2 " + prev2, "t-1 t-2 " + prev + " " + prev2,
            "t-1 w " + prev + " " + word,
            "w-1 " + p1, "w-1 s3 " + Suffix(p1, 3), "w-2 " + At(i - 2),
            "w+1 " + n1, "w+1 s3 " + Suffix(n1, 3), "w+2 " + At(i + 2),
        ];
    }

    private static string Suffix(string word, int n) => word.Length <= n ? word : word[^n..];

    private static string Normalize(string word) =>
        word.Contains('-') && word[0] != '-' ? "!HYPHEN" + word[word.LastIndexOf('-')..].ToLowerInvariant()
        : word.Length == 4 && word.All(char.IsDigit) ? "!YEAR"
        : char.IsDigit(word[0]) ? "!DIGITS"
        : word.ToLowerInvariant();
}
