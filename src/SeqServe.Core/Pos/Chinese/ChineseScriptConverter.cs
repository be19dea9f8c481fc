using System.Security.Cryptography;
using SeqServe.Core.Data;

namespace SeqServe.Core.Pos.Chinese;

/// <summary>
/// Conversion between traditional and simplified Chinese with Open Chinese Convert's tables (OpenCC 1.4.2,
/// Apache-2.0; copied with their licence into <c>Pos/Chinese/opencc/</c> and checked by SHA-256): the
/// longest phrase of the phrase table wins, else each character takes its first candidate, as OpenCC's own
/// <c>t2s</c> does. The conversion keeps every UTF-16 offset: a mapping that would change a text's length is
/// not used, so offsets into the converted text are offsets into the input. Immutable and thread-safe.
/// </summary>
public sealed class ChineseScriptConverter
{
    public static readonly string RelativeDir = Path.Combine("Pos", "Chinese", "opencc");

    /// <summary>The tables this project ships and their SHA-256.</summary>
    public static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>
    {
        ["TSCharacters.txt"] = "737c21c66f55a419dd6956cb3089476cdefc5a36877452631617696df1e5d925",
        ["TSPhrases.txt"] = "362fa1b9a7d6edd04b462a32e12c9fef3adae822ab1dee9c83561cc37c06cb1f",
        ["STCharacters.txt"] = "a0ca1601c70648cf48b33c3c6210ccbecc5c7eead4b4c3daf76587ba2c03582b",
    };

    private static readonly Lazy<ChineseScriptConverter> Simplifier = new(() => Load("TSPhrases.txt", "TSCharacters.txt"));
    private static readonly Lazy<ChineseScriptConverter> Traditionalizer = new(() => Load(null, "STCharacters.txt"));

    /// <summary>Traditional → simplified (OpenCC's TSPhrases and TSCharacters). Simplified text passes through unchanged but for a handful of characters that are also traditional forms.</summary>
    public static ChineseScriptConverter ToSimplified => Simplifier.Value;

    /// <summary>Simplified → traditional, character by character (OpenCC's STCharacters, first candidate); used to measure the tagger on traditional text.</summary>
    public static ChineseScriptConverter ToTraditional => Traditionalizer.Value;

    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> phrases;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> characters;
    private readonly int longestPhrase;

    public ChineseScriptConverter(IEnumerable<(string From, string To)> phrases, IEnumerable<(string From, string To)> characters)
    {
        var phraseMap = SameLength(phrases);
        this.phrases = phraseMap.GetAlternateLookup<ReadOnlySpan<char>>();
        this.characters = SameLength(characters).GetAlternateLookup<ReadOnlySpan<char>>();
        longestPhrase = phraseMap.Count == 0 ? 0 : phraseMap.Keys.Max(k => k.Length);
    }

    /// <summary>The text converted; the same string when nothing in it converts.</summary>
    public string Convert(string text)
    {
        char[]? output = null;
        var i = 0;
        while (i < text.Length)
        {
            var (length, replacement) = Match(text, i);
            if (replacement is not null && !text.AsSpan(i, length).SequenceEqual(replacement))
            {
                output ??= text.ToCharArray();
                replacement.CopyTo(output.AsSpan(i));
            }
            i += length;
        }
        return output is null ? text : new string(output);
    }

    /// <summary>The longest phrase at <paramref name="at"/>, else the character (one or two UTF-16 units) there; null when it has no mapping.</summary>
    private (int Length, string? To) Match(string text, int at)
    {
        for (var n = Math.Min(longestPhrase, text.Length - at); n >= 2; n--)
            if (phrases.TryGetValue(text.AsSpan(at, n), out var to))
                return (n, to);
        var unit = char.IsHighSurrogate(text[at]) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]) ? 2 : 1;
        return characters.TryGetValue(text.AsSpan(at, unit), out var c) ? (unit, c) : (unit, null);
    }

    private static Dictionary<string, string> SameLength(IEnumerable<(string From, string To)> pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (from, to) in pairs)
            if (from.Length == to.Length) map.TryAdd(from, to);
        return map;
    }

    /// <summary>Reads OpenCC tables (<c>key\tcandidate candidate…</c>, # comments) from beside the program, checking each file's SHA-256.</summary>
    public static ChineseScriptConverter Load(string? phraseFile, string characterFile, string? dir = null)
    {
        dir ??= Path.Combine(AppContext.BaseDirectory, RelativeDir);
        return new ChineseScriptConverter(phraseFile is null ? [] : Read(dir, phraseFile), Read(dir, characterFile));
    }

    private static IEnumerable<(string, string)> Read(string dir, string file)
    {
        var path = Path.Combine(dir, file);
        if (!File.Exists(path))
            throw new DatasetUnavailableException($"OpenCC's table {file} is missing beside the program ({path}); the build copies it from src/SeqServe.Core/{RelativeDir.Replace('\\', '/')}.");
        var bytes = File.ReadAllBytes(path);
        var hash = System.Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (Files.TryGetValue(file, out var expected) && hash != expected)
            throw new DatasetUnavailableException($"OpenCC's {file} has SHA-256 {hash}, expected {expected}.");
        var pairs = new List<(string, string)>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var tab = line.IndexOf('\t');
            if (tab <= 0) continue;
            var first = line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (first is not null) pairs.Add((line[..tab], first));
        }
        return pairs;
    }
}
