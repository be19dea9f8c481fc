using System.Security.Cryptography;
using System.Text;
using SeqServe.Core.Data;

namespace SeqServe.Core.Pos.Chinese;

/// <summary>One gold sentence of the treebank: its text (<c># text =</c>), words and UPOS tags.</summary>
public sealed record ConlluSentence(string Id, string Text, string[] Words, string[] Tags)
{
    /// <summary>As the shared POS code reads a gold sentence (the raw tags are the UPOS tags).</summary>
    public TaggedSentence ToTagged() => new(Words, Tags, Tags);
}

/// <summary>
/// UD Chinese GSDSimp v2.13 (dev file, CC BY-SA 4.0), kept with its licence in this folder and copied
/// beside the program; its SHA-256 is checked on every read. The split is fixed by each sentence's text.
/// </summary>
public sealed record ChineseTreebank(IReadOnlyList<ConlluSentence> Train, IReadOnlyList<ConlluSentence> Valid, IReadOnlyList<ConlluSentence> Test)
{
    public const string FileName = "zh_gsdsimp-ud-dev.conllu";
    public const string Sha256 = "342a2969df6d6d08bdc25dbc067c93c86ab3099bb054a9921ae7067cbc2c53ad";
    public const string Version = "UD_Chinese-GSDSimp v2.13 (zh_gsdsimp-ud-dev.conllu)";
    /// <summary>Folder of the copy, relative to the program (and to this source file's project).</summary>
    public static readonly string RelativeDir = Path.Combine("Pos", "Chinese", "data");

    public const byte TestBelow = 0x28, ValidBelow = 0x41;

    /// <summary>The split rule, written into every manifest and into docs/pos-zh.md.</summary>
    public const string SplitRule =
        "key = the sentence's '# text =' line; h = SHA-256(UTF-8 key); test = h[0] < 0x28, validation = 0x28 <= h[0] < 0x41, train = the rest";

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, RelativeDir, FileName);

    public IEnumerable<ConlluSentence> All => Train.Concat(Valid).Concat(Test);

    public static ChineseTreebank Load(string? path = null) => Split(Read(path ?? DefaultPath));

    /// <summary>Reads and checks the file (SHA-256, then every token line has a form and a known UPOS tag).</summary>
    public static List<ConlluSentence> Read(string path)
    {
        if (!File.Exists(path))
            throw new DatasetUnavailableException($"the Chinese treebank file {FileName} is missing beside the program ({path}).");
        var bytes = File.ReadAllBytes(path);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (hash != Sha256)
            throw new DatasetUnavailableException($"{FileName} has SHA-256 {hash}, expected {Sha256}.");
        return Parse(Encoding.UTF8.GetString(bytes));
    }

    public static List<ConlluSentence> Parse(string conllu)
    {
        var sentences = new List<ConlluSentence>(512);
        string id = "", text = "";
        var words = new List<string>();
        var tags = new List<string>();
        void Flush()
        {
            if (words.Count > 0) sentences.Add(new ConlluSentence(id, text, [.. words], [.. tags]));
            words.Clear();
            tags.Clear();
            id = text = "";
        }
        foreach (var raw in conllu.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) { Flush(); continue; }
            if (line.StartsWith("# sent_id = ", StringComparison.Ordinal)) { id = line[12..]; continue; }
            if (line.StartsWith("# text = ", StringComparison.Ordinal)) { text = line[9..]; continue; }
            if (line[0] == '#') continue;
            var cols = line.Split('\t');
            if (cols.Length != 10) throw new FormatException($"CoNLL-U line has {cols.Length} columns, not 10: '{line}'");
            if (cols[0].Contains('-') || cols[0].Contains('.')) continue; // multiword ranges and empty nodes carry no UPOS of their own
            if (!UposTags.IsTag(cols[3])) throw new FormatException($"'{cols[3]}' is not a UPOS tag (sentence {id}).");
            words.Add(cols[1]);
            tags.Add(cols[3]);
        }
        Flush();
        return sentences;
    }

    public static ChineseTreebank Split(IEnumerable<ConlluSentence> sentences)
    {
        var (train, valid, test) = (new List<ConlluSentence>(), new List<ConlluSentence>(), new List<ConlluSentence>());
        foreach (var s in sentences)
        {
            var first = HashSplit.Of(s.Text)[0];
            (first < TestBelow ? test : first < ValidBelow ? valid : train).Add(s);
        }
        return new ChineseTreebank(train, valid, test);
    }
}
