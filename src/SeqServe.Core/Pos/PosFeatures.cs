using System.Text;
using SeqServe.Core.Text;

namespace SeqServe.Core.Pos;

/// <summary>How words become model inputs; stored in the manifest's preprocessing so serving featurises exactly as training did.</summary>
public sealed record PosFeatureConfig
{
    /// <summary>Hash buckets per affix/shape slot.</summary>
    public int Buckets { get; init; } = 4096;
    public int MaxSuffix { get; init; } = 4;
    public int MaxPrefix { get; init; } = 3;

    /// <summary>Slots filled by an <see cref="IPosLexicon"/> (0 without one; the manifest stores its name).</summary>
    public int LexiconSlots { get; init; }

    /// <summary>Suffixes 1..MaxSuffix, prefixes 1..MaxPrefix, word shape, capitalisation, then the lexicon's slots.</summary>
    public int Slots => MaxSuffix + MaxPrefix + 2 + LexiconSlots;
    /// <summary>Rows of the affix table: a padding row, then <see cref="Buckets"/> rows per slot.</summary>
    public int AffixRows => 1 + Slots * Buckets;
}

/// <summary>
/// Extra per-word features from outside the training data (e.g. a segmenter's dictionary tag), hashed
/// like the affixes. Must be deterministic and thread-safe.
/// </summary>
public interface IPosLexicon
{
    /// <summary>Stored in the manifest, so a loader can rebuild the same lexicon.</summary>
    string Name { get; }
    int Slots { get; }
    /// <summary>Writes <see cref="Slots"/> feature values of <paramref name="word"/>.</summary>
    void Features(string word, Span<string> into);
}

/// <summary>
/// Turns a token into a word id (lower-cased, digits folded to 0; rare and unseen words → &lt;unk&gt;) and
/// hashed ids for its suffixes, prefixes, shape and capitalisation: the features that let the tagger
/// handle words it never saw. Immutable and thread-safe.
/// </summary>
public sealed class PosFeatures
{
    public const int PadId = Vocabulary.PadIndex, UnkId = Vocabulary.UnkIndex;
    /// <summary>Character ids: padding, then the <see cref="CharVocabulary"/> ids shifted by one (its unknown id becomes 1).</summary>
    public const int CharPadId = 0;
    /// <summary>Characters read per word by a character encoder (the first ones).</summary>
    public const int MaxWordChars = 8;

    /// <summary>Known words (normalised), most frequent first.</summary>
    public Vocabulary Words { get; }
    public PosFeatureConfig Config { get; }
    public int VocabularySize => Words.Count;

    /// <summary>The lexicon behind the last <see cref="PosFeatureConfig.LexiconSlots"/> slots, if any.</summary>
    public IPosLexicon? Lexicon { get; }

    /// <summary>The training characters a character encoder reads (null without one).</summary>
    public CharVocabulary? Characters { get; }

    /// <summary>Rows of a character table for <see cref="Characters"/> (0 without).</summary>
    public int CharacterRows => Characters is null ? 0 : Characters.Size + 1;

    public PosFeatures(Vocabulary words, PosFeatureConfig config, IPosLexicon? lexicon = null, CharVocabulary? characters = null)
    {
        Characters = characters;
        if (config.LexiconSlots != (lexicon?.Slots ?? 0))
            throw new ArgumentException($"the feature config has {config.LexiconSlots} lexicon slots, the lexicon {lexicon?.Slots ?? 0}.");
        Words = words;
        Config = config;
        Lexicon = lexicon;
    }

    /// <summary>Builds the vocabulary from training sentences: words seen at least <paramref name="minCount"/> times, at most <paramref name="maxWords"/>.</summary>
    /// <summary>With <paramref name="characters"/>, also the training words' characters (lower-cased) for a character encoder.</summary>
    public static PosFeatures Build(IEnumerable<string[]> sentences, int maxWords, int minCount = 2, IPosLexicon? lexicon = null, int buckets = 4096,
        bool characters = false)
    {
        var all = sentences as IReadOnlyList<string[]> ?? [.. sentences];
        var words = Vocabulary.Build(all.Select(s => s.Select(Normalize)),
            new VocabularySettings { MinFrequency = minCount, MaxSize = maxWords + Vocabulary.FirstWordIndex });
        var alphabet = characters ? CharVocabulary.FromText(string.Concat(all.SelectMany(s => s).Select(Normalize))) : null;
        return new PosFeatures(words, new PosFeatureConfig { Buckets = buckets, LexiconSlots = lexicon?.Slots ?? 0 }, lexicon, alphabet);
    }

    /// <summary>Writes the character ids of <paramref name="word"/> (normalised, its first <see cref="MaxWordChars"/>) into <paramref name="into"/>; the rest stays padding.</summary>
    public void CharIds(string word, Span<long> into)
    {
        var key = Normalize(word);
        for (var i = 0; i < Math.Min(key.Length, into.Length); i++)
            into[i] = Characters!.IdOf(key[i]) + 1;
    }

    /// <summary>The key a word is looked up by: lower case, every digit as 0.</summary>
    public static string Normalize(string word)
    {
        var chars = word.ToLowerInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (char.IsDigit(chars[i])) chars[i] = '0';
        return new string(chars);
    }

    public int WordId(string word) => Words.IndexOf(Normalize(word));

    public bool IsKnown(string word) => Words.Contains(Normalize(word));

    /// <summary>Writes the <see cref="PosFeatureConfig.Slots"/> affix-table rows of <paramref name="word"/> into <paramref name="into"/>.</summary>
    public void AffixIds(string word, Span<long> into)
    {
        var lower = word.ToLowerInvariant();
        var slot = 0;
        for (var n = 1; n <= Config.MaxSuffix; n++, slot++)
            into[slot] = Row(slot, n <= lower.Length ? lower[^n..] : "<" + lower);
        for (var n = 1; n <= Config.MaxPrefix; n++, slot++)
            into[slot] = Row(slot, n <= lower.Length ? lower[..n] : lower + ">");
        into[slot] = Row(slot, Shape(word));
        slot++;
        into[slot] = Row(slot, Capitalisation(word));
        if (Lexicon is null) return;
        slot++;
        var values = new string[Lexicon.Slots];
        Lexicon.Features(word, values);
        foreach (var value in values) into[slot] = Row(slot++, value);
    }

    private long Row(int slot, string value) => 1 + (long)slot * Config.Buckets + Fnv1a(value) % (uint)Config.Buckets;

    /// <summary>Word shape with runs collapsed: "Hard-fought" → "Xx-x", "1,000" → "d,d", "U.S." → "X.X.".</summary>
    public static string Shape(string word)
    {
        var shape = new StringBuilder(8);
        foreach (var c in word)
        {
            var s = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : c;
            if (shape.Length == 0 || shape[^1] != s) shape.Append(s);
            if (shape.Length >= 8) break;
        }
        return shape.ToString();
    }

    private static string Capitalisation(string word)
    {
        var letters = word.Count(char.IsLetter);
        if (letters == 0) return word.Any(char.IsDigit) ? "digits" : "symbols";
        var upper = word.Count(char.IsUpper);
        return upper == 0 ? "lower" : upper == letters ? (letters == 1 ? "initial" : "upper")
            : char.IsUpper(word[0]) ? "title" : "mixed";
    }

    /// <summary>FNV-1a over UTF-16 code units: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static uint Fnv1a(string value)
    {
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return hash;
    }
}
