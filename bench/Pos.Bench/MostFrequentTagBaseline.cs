using SeqServe.Core.Pos;

namespace SeqServe.Bench.Pos;

/// <summary>Each word gets the tag it had most often in training; an unseen word is a NOUN.</summary>
public sealed class MostFrequentTagBaseline
{
    private readonly Dictionary<string, string> best = new(StringComparer.Ordinal);

    public MostFrequentTagBaseline(IEnumerable<TaggedSentence> train)
    {
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var s in train)
            for (var i = 0; i < s.Words.Length; i++)
            {
                if (!counts.TryGetValue(s.Words[i], out var tags)) counts[s.Words[i]] = tags = [];
                tags[s.Tags[i]] = tags.GetValueOrDefault(s.Tags[i]) + 1;
            }
        foreach (var (word, tags) in counts)
            best[word] = tags.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
    }

    public string[] Tag(IReadOnlyList<string> words) => words.Select(w => best.GetValueOrDefault(w, "NOUN")).ToArray();
}
