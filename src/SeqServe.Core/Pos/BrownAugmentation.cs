using System.Globalization;
using System.Text.RegularExpressions;

namespace SeqServe.Core.Pos;

/// <summary>
/// Extra training sentences made from Brown's own, so the tagger also reads English cut the Penn Treebank
/// way and written less carefully. Each rule below yields a copy of the sentence (the original stays):
/// <list type="bullet">
/// <item><b>Treebank cut.</b> A word whose Brown tag is a compound or a negation is split where the
/// treebank splits it, each part taking its own tag: <c>doesn't/doz*</c> → <c>does/VERB n't/ADV</c>,
/// <c>can't</c> → <c>ca n't</c>, <c>won't</c> → <c>wo n't</c>, <c>cannot</c> → <c>can not</c>,
/// <c>it's/pps+bez</c> → <c>it/PRON 's/VERB</c>, <c>I'm</c> → <c>I 'm</c>, <c>let's/vb+ppo</c> → <c>let/VERB
/// 's/PRON</c>. Possessives lose their clitic: <c>nation's/nn$</c> → <c>nation/NOUN 's/PRT</c>,
/// <c>parents'</c> → <c>parents '/PRT</c> (the treebank's POS tag is PRT in the universal mapping).
/// Money and percentages are split from their number: <c>$600</c> → <c>$/. 600/NUM</c>, <c>50%</c> →
/// <c>50/NUM %/NOUN</c> (the treebank tags <c>$</c> as <c>$</c> → <c>.</c> and <c>%</c> as NN).</item>
/// <item><b>Casing.</b> In every copy the first word is lower-cased with probability
/// <see cref="LowerFirst"/> unless it is a proper noun or <c>I</c>.</item>
/// <item><b>Interjections.</b> A sentence holding an interjection (Brown <c>uh</c>, universal X) gets a copy
/// where each one is replaced by another interjection drawn from all the alphabetic <c>uh</c> words of the
/// training sentences, keeping the original's capitalisation.</item>
/// </list>
/// Deterministic for a seed. Only ever applied to training sentences: validation and test stay as the corpus has them.
/// </summary>
public static partial class BrownAugmentation
{
    public const double LowerFirst = 0.25;

    /// <summary>Written into the manifest's preprocessing.</summary>
    public const string Description =
        "training copies: treebank cut (n't, 's, 'm, 're, 'll, 've, 'd, possessive 's/' split off with their own tags; $ and % split from numbers), " +
        "first word lower-cased with p=0.25 (not proper nouns or I), interjections swapped for other Brown interjections";

    [GeneratedRegex(@"^\$(\d[\d,.]*)$")]
    private static partial Regex Money();

    [GeneratedRegex(@"^(\d[\d,.]*)%$")]
    private static partial Regex Percent();

    /// <summary>The original sentences followed by the copies the rules make.</summary>
    public static List<TaggedSentence> Augment(IReadOnlyList<TaggedSentence> sentences, int seed)
    {
        var rng = new Random(seed);
        var interjections = sentences.SelectMany(s => s.Words.Zip(s.RawTags))
            .Where(p => UniversalTags.BaseOf(p.Second) == "uh" && p.First.All(char.IsLetter))
            .Select(p => p.First.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToArray();
        var result = new List<TaggedSentence>(sentences);
        foreach (var s in sentences)
        {
            if (TreebankCut(s) is { } cut) result.Add(CaseFirst(cut, rng));
            if (interjections.Length > 0 && s.Tags.Contains("X") && SwapInterjections(s, interjections, rng) is { } swapped)
                result.Add(CaseFirst(swapped, rng));
        }
        return result;
    }

    /// <summary>The sentence cut the treebank way, or null when nothing in it is cut differently.</summary>
    public static TaggedSentence? TreebankCut(TaggedSentence s)
    {
        var words = new List<string>(s.Words.Length + 4);
        var raw = new List<string>(s.Words.Length + 4);
        var tags = new List<string>(s.Words.Length + 4);
        var changed = false;
        for (var i = 0; i < s.Words.Length; i++)
        {
            var parts = Split(s.Words[i], s.RawTags[i]);
            if (parts is null)
            {
                words.Add(s.Words[i]); raw.Add(s.RawTags[i]); tags.Add(s.Tags[i]);
                continue;
            }
            changed = true;
            foreach (var (w, t) in parts)
            {
                words.Add(w); raw.Add(s.RawTags[i]); tags.Add(t);
            }
        }
        return changed ? new TaggedSentence([.. words], [.. raw], [.. tags]) : null;
    }

    /// <summary>How the treebank cuts one Brown token, with universal tags; null when it stays whole.</summary>
    public static (string Word, string Tag)[]? Split(string word, string rawTag)
    {
        var tag = rawTag.ToLowerInvariant();
        if (Money().Match(word) is { Success: true } money) return [("$", "."), (money.Groups[1].Value, "NUM")];
        if (Percent().Match(word) is { Success: true } percent) return [(percent.Groups[1].Value, "NUM"), ("%", "NOUN")];

        var bare = UniversalTags.BaseOf(tag.Split('+')[0]);
        var negated = tag.Split('+')[0].Contains('*');
        if (negated && word.Length > 3 && word.EndsWith("n't", StringComparison.OrdinalIgnoreCase))
            return [(word[..^3], UniversalTags.FromBrown(rawTag.Split('+')[0])), (word[^3..], "ADV")];
        if (negated && word.Equals("cannot", StringComparison.OrdinalIgnoreCase))
            return [(word[..3], "VERB"), (word[3..], "ADV")];

        var apostrophe = word.LastIndexOf('\'');
        if (apostrophe <= 0) return null;
        var plus = rawTag.IndexOf('+');
        if (plus > 0)
        {
            var clitic = word[apostrophe..];
            if (clitic.Length < 2 || clitic.Length > 3 || !clitic[1..].All(char.IsLetter)) return null;
            if (!UniversalTags.TryFromBrown(rawTag[..plus], out var first) || !UniversalTags.TryFromBrown(rawTag[(plus + 1)..], out var second))
                return null;
            return [(word[..apostrophe], first), (clitic, second)];
        }
        // possessives: nn$ np$ nns$ pn$ nr$ (with -tl/-hl suffixes); not pp$ (his, my), which has no apostrophe
        var possessive = StripSuffixes(tag).EndsWith('$') && bare is not ("pp" or "wp");
        if (!possessive) return null;
        if (word.EndsWith("'s", StringComparison.OrdinalIgnoreCase) && word.Length > 2)
            return [(word[..^2], UniversalTags.FromBrown(rawTag)), (word[^2..], "PRT")];
        if (word.EndsWith('\'') && word.Length > 1)
            return [(word[..^1], UniversalTags.FromBrown(rawTag)), ("'", "PRT")];
        return null;
    }

    private static string StripSuffixes(string tag)
    {
        foreach (var suffix in new[] { "-tl", "-hl", "-nc", "-tl", "-hl" })
            if (tag.EndsWith(suffix, StringComparison.Ordinal)) tag = tag[..^suffix.Length];
        return tag;
    }

    private static TaggedSentence? SwapInterjections(TaggedSentence s, string[] interjections, Random rng)
    {
        var words = (string[])s.Words.Clone();
        var changed = false;
        for (var i = 0; i < words.Length; i++)
        {
            if (UniversalTags.BaseOf(s.RawTags[i]) != "uh" || !words[i].All(char.IsLetter)) continue;
            var pick = interjections[rng.Next(interjections.Length)];
            words[i] = words[i].All(char.IsUpper) && words[i].Length > 1 ? pick.ToUpperInvariant()
                : char.IsUpper(words[i][0]) ? char.ToUpperInvariant(pick[0]) + pick[1..] : pick;
            changed |= words[i] != s.Words[i];
        }
        return changed ? s with { Words = words } : null;
    }

    private static TaggedSentence CaseFirst(TaggedSentence s, Random rng)
    {
        if (rng.NextDouble() >= LowerFirst) return s;
        var first = s.Words[0];
        if (first == "I" || UniversalTags.BaseOf(s.RawTags[0]).StartsWith("np", StringComparison.Ordinal)
            || !char.IsUpper(first[0]) || first.Skip(1).Any(char.IsUpper)) return s;
        var words = (string[])s.Words.Clone();
        words[0] = first.ToLower(CultureInfo.InvariantCulture);
        return s with { Words = words };
    }
}
