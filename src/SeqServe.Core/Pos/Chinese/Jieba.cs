using System.Security.Cryptography;
using JiebaNet.Segmenter;
using JiebaNet.Segmenter.PosSeg;
using SeqServe.Core.Data;

namespace SeqServe.Core.Pos.Chinese;

/// <summary>
/// jieba (jieba.NET 0.42.2, MIT): word segmentation of raw Chinese text with character offsets, and
/// jieba's own part-of-speech tag of a word (its dictionary tag; for a word not in the dictionary, the
/// tag jieba's HMM tagger gives its last piece). The package's dictionary and model files are copied
/// beside the program (<c>Pos/Chinese/jieba/</c>); <c>dict.txt</c> is checked by SHA-256, because
/// jieba silently runs with an empty dictionary when it is missing. One process-wide instance
/// (jieba's own tables are static); calls are serialised, as jieba.NET does not promise thread safety.
/// </summary>
public sealed class Jieba
{
    public const string PackageSpec = "jieba.NET 0.42.2 (NuGet, MIT)";
    public const string DictSha256 = "18dfeff162dee8da71332771cfad5940ca5560b0b2346accda85a15fcc9d475d";
    public static readonly string RelativeDir = Path.Combine("Pos", "Chinese", "jieba");

    private static readonly Lazy<Jieba> Shared = new(() => new Jieba(Path.Combine(AppContext.BaseDirectory, RelativeDir)));
    /// <summary>The instance reading the files beside the program (loaded on first use, ~1 s).</summary>
    public static Jieba Instance => Shared.Value;

    private readonly JiebaSegmenter segmenter;
    private readonly PosSegmenter tagger;
    private readonly Dictionary<string, string> dictionaryTags;
    private readonly Dictionary<string, long> frequencies;
    private readonly Dictionary<char, string> startTags, endTags;
    private readonly Lock gate = new();

    private Jieba(string dir)
    {
        var dict = Path.Combine(dir, "dict.txt");
        if (!File.Exists(dict))
            throw new DatasetUnavailableException($"jieba's dictionary is missing beside the program ({dict}); the jieba.NET package's Resources are copied there by the build.");
        var bytes = File.ReadAllBytes(dict);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (hash != DictSha256) throw new DatasetUnavailableException($"jieba's dict.txt has SHA-256 {hash}, expected {DictSha256}.");
        (dictionaryTags, frequencies) = ReadTags(dict);
        (startTags, endTags) = CharacterTags(dictionaryTags, frequencies);
        ConfigManager.ConfigFileBaseDir = dir;
        segmenter = new JiebaSegmenter();
        tagger = new PosSegmenter(segmenter);
    }

    private static (Dictionary<string, string>, Dictionary<string, long>) ReadTags(string dict)
    {
        var tags = new Dictionary<string, string>(360_000, StringComparer.Ordinal);
        var counts = new Dictionary<string, long>(360_000, StringComparer.Ordinal);
        foreach (var line in File.ReadLines(dict))
        {
            var parts = line.Split(' ');
            if (parts.Length >= 3 && tags.TryAdd(parts[0], parts[2]))
                counts[parts[0]] = long.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var f) ? f : 0;
        }
        return (tags, counts);
    }

    /// <summary>
    /// Per character, the two UPOS tags (mapped from jieba's, heavier first, joined by "|") that carry the most
    /// dictionary weight among the words of two or more characters starting with it, and among those ending
    /// with it; a word's weight is log(1 + its frequency).
    /// </summary>
    private static (Dictionary<char, string>, Dictionary<char, string>) CharacterTags(Dictionary<string, string> tags, Dictionary<string, long> counts)
    {
        var start = new Dictionary<char, Dictionary<string, double>>();
        var end = new Dictionary<char, Dictionary<string, double>>();
        foreach (var (word, tag) in tags)
        {
            if (word.Length < 2) continue;
            var upos = JiebaTags.ToUpos(tag);
            var weight = Math.Log(1 + counts.GetValueOrDefault(word));
            Add(start, word[0], upos, weight);
            Add(end, word[^1], upos, weight);
        }
        return (Best(start), Best(end));

        static void Add(Dictionary<char, Dictionary<string, double>> table, char c, string upos, double weight)
        {
            if (!table.TryGetValue(c, out var row)) table[c] = row = new Dictionary<string, double>(StringComparer.Ordinal);
            row[upos] = row.GetValueOrDefault(upos) + weight;
        }

        static Dictionary<char, string> Best(Dictionary<char, Dictionary<string, double>> table) =>
            table.ToDictionary(kv => kv.Key, kv => string.Join("|", kv.Value.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Take(2).Select(t => t.Key)));
    }

    /// <summary>Words of <paramref name="text"/> with their [start, end) offsets; white space is dropped.</summary>
    public IReadOnlyList<PosToken> Segment(string text)
    {
        List<Token> tokens;
        lock (gate) tokens = [.. segmenter.Tokenize(text, TokenizerMode.Default, hmm: true)];
        var words = new List<PosToken>(tokens.Count);
        foreach (var t in tokens)
        {
            // jieba keeps a run of spaces (or a Latin word with an inner space) as one token: trim it to its non-space part.
            var (start, end) = (t.StartIndex, t.EndIndex);
            while (start < end && char.IsWhiteSpace(text[start])) start++;
            while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
            if (end > start)
            {
                var word = text[start..end];
                words.Add(new PosToken(word, start, end, word));
            }
        }
        return words;
    }

    /// <summary>jieba's tag of a word alone: its dictionary tag, else the HMM tag of its last piece; never null.</summary>
    public string TagOf(string word)
    {
        if (dictionaryTags.TryGetValue(word, out var tag)) return tag;
        List<Pair> pieces;
        lock (gate) pieces = [.. tagger.Cut(word, hmm: true)];
        return pieces.Count == 0 ? "x" : pieces[^1].Flag;
    }

    /// <summary>jieba's segmentation and tags of a whole sentence, as jieba.posseg gives them.</summary>
    public IReadOnlyList<(string Word, string Flag)> CutWithTags(string text)
    {
        lock (gate) return [.. tagger.Cut(text, hmm: true).Where(p => !string.IsNullOrWhiteSpace(p.Word)).Select(p => (p.Word, p.Flag))];
    }

    /// <summary>The word's frequency in jieba's dictionary; 0 when it is not there.</summary>
    public long FrequencyOf(string word) => frequencies.GetValueOrDefault(word);

    /// <summary>The two UPOS tags most dictionary words starting with <paramref name="c"/> have, e.g. "NOUN|VERB" (see <see cref="CharacterTags"/>); null when none do.</summary>
    public string? StartTagOf(char c) => startTags.GetValueOrDefault(c);

    /// <summary>The two UPOS tags most dictionary words ending with <paramref name="c"/> have; null when none do.</summary>
    public string? EndTagOf(char c) => endTags.GetValueOrDefault(c);

    /// <summary>Whether the word is in jieba's dictionary.</summary>
    public bool InDictionary(string word) => dictionaryTags.ContainsKey(word);
}
