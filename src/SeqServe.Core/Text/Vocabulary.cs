using System.Text;

namespace SeqServe.Core.Text;

/// <summary>Settings for building a vocabulary from training text.</summary>
public sealed record VocabularySettings
{
    /// <summary>Words seen fewer times in training are <c>&lt;unk&gt;</c>.</summary>
    public int MinFrequency { get; init; } = 2;
    /// <summary>Largest vocabulary, <c>&lt;pad&gt;</c> and <c>&lt;unk&gt;</c> included (keeps the checkpoint small).</summary>
    public int MaxSize { get; init; } = 25_000;
}

/// <summary>
/// Word ↔ index, for every task that reads words. Index 0 is <c>&lt;pad&gt;</c>, 1 is <c>&lt;unk&gt;</c>,
/// then words by falling training frequency (ties in ordinal order). Saved as <see cref="FileName"/>: UTF-8
/// text, one word per line, in index order. Immutable and thread-safe.
/// </summary>
public sealed class Vocabulary
{
    public const string Pad = "<pad>", Unk = "<unk>";
    public const int PadIndex = 0, UnkIndex = 1, FirstWordIndex = 2;
    public const string FileName = "vocabulary.txt";

    private readonly Dictionary<string, int> index;

    /// <summary>Every entry in index order, <c>&lt;pad&gt;</c> and <c>&lt;unk&gt;</c> first.</summary>
    public IReadOnlyList<string> Words { get; }
    public int Count => Words.Count;
    /// <summary>Entries that are words (the reserved two left out).</summary>
    public int WordCount => Count - FirstWordIndex;

    private Vocabulary(IReadOnlyList<string> words)
    {
        Words = words;
        index = new Dictionary<string, int>(words.Count, StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++) index.TryAdd(words[i], i);
    }

    public static Vocabulary Build(IEnumerable<IEnumerable<string>> documents, VocabularySettings settings)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var doc in documents)
            foreach (var word in doc)
                counts[word] = counts.GetValueOrDefault(word) + 1;
        var words = counts.Where(kv => kv.Value >= settings.MinFrequency && kv.Key is not (Pad or Unk))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(Math.Max(0, settings.MaxSize - FirstWordIndex)).Select(kv => kv.Key);
        return new Vocabulary([Pad, Unk, .. words]);
    }

    public int IndexOf(string word) => index.TryGetValue(word, out var i) ? i : UnkIndex;

    /// <summary>Whether <paramref name="word"/> has its own index (not <c>&lt;unk&gt;</c>).</summary>
    public bool Contains(string word) => index.TryGetValue(word, out var i) && i >= FirstWordIndex;

    public long[] Encode(IEnumerable<string> words) => words.Select(w => (long)IndexOf(w)).ToArray();

    public void Save(string path) =>
        File.WriteAllText(path, string.Join('\n', Words) + "\n", new UTF8Encoding(false));

    /// <summary>
    /// Reads a saved vocabulary. Older checkpoints of the tagger saved their words alone (no reserved
    /// entries); such a list gets <c>&lt;pad&gt;</c> and <c>&lt;unk&gt;</c> in front, as it had when trained.
    /// </summary>
    public static Vocabulary Load(string path)
    {
        var words = File.ReadAllText(path, Encoding.UTF8).Split('\n');
        if (words.Length > 0 && words[^1].Length == 0) words = words[..^1];
        if (words.Length >= FirstWordIndex && words[PadIndex] == Pad && words[UnkIndex] == Unk) return new Vocabulary(words);
        if (words.Contains(Pad) || words.Contains(Unk))
            throw new Checkpoints.CheckpointException($"{Path.GetFileName(path)} is not a vocabulary ({Pad} and {Unk} must come first)");
        return new Vocabulary([Pad, Unk, .. words]);
    }
}
