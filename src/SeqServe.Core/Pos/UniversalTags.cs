namespace SeqServe.Core.Pos;

/// <summary>
/// The 12 universal part-of-speech tags (Petrov, Das &amp; McDonald 2012) and the table that maps the
/// raw Brown corpus tags onto them.
/// </summary>
public static class UniversalTags
{
    /// <summary>The tag set, in the fixed order of the model's output layer.</summary>
    public static readonly IReadOnlyList<string> All =
        ["NOUN", "VERB", "ADJ", "ADV", "PRON", "DET", "ADP", "NUM", "CONJ", "PRT", ".", "X"];

    /// <summary>
    /// Base Brown tags (after stripping the <c>fw-</c> prefix, the <c>-tl</c>/<c>-hl</c>/<c>-nc</c>
    /// suffixes, compounds after <c>+</c>, negation <c>*</c> and possessive <c>$</c>) → universal tag.
    /// Every base tag the corpus uses is listed: a tag missing here is an error, never a silent X.
    /// </summary>
    private static readonly Dictionary<string, string> BaseTags = new(StringComparer.Ordinal)
    {
        // punctuation
        ["."] = ".", [","] = ".", [":"] = ".", ["--"] = ".", ["("] = ".", [")"] = ".",
        ["``"] = ".", ["''"] = ".", ["'"] = ".",
        // negator: not, n't
        ["*"] = "ADV",
        // determiners, articles, pre-quantifiers, existential there
        ["at"] = "DET", ["dt"] = "DET", ["dti"] = "DET", ["dts"] = "DET", ["dtx"] = "DET",
        ["abn"] = "DET", ["abx"] = "DET", ["wdt"] = "DET", ["ex"] = "DET",
        // post-determiners (many, other, next, more) and ordinals behave as adjectives
        ["ap"] = "ADJ", ["od"] = "ADJ",
        ["jj"] = "ADJ", ["jjr"] = "ADJ", ["jjs"] = "ADJ", ["jjt"] = "ADJ",
        // verbs: be, do, have, modals, lexical verbs
        ["be"] = "VERB", ["bed"] = "VERB", ["bedz"] = "VERB", ["beg"] = "VERB", ["bem"] = "VERB",
        ["ben"] = "VERB", ["ber"] = "VERB", ["bez"] = "VERB",
        ["do"] = "VERB", ["dod"] = "VERB", ["doz"] = "VERB",
        ["hv"] = "VERB", ["hvd"] = "VERB", ["hvg"] = "VERB", ["hvn"] = "VERB", ["hvz"] = "VERB",
        ["md"] = "VERB",
        ["vb"] = "VERB", ["vbd"] = "VERB", ["vbg"] = "VERB", ["vbn"] = "VERB", ["vbz"] = "VERB",
        // conjunctions: coordinating → CONJ; subordinating (if, that, because) → ADP as in Penn's IN
        ["cc"] = "CONJ", ["cs"] = "ADP",
        ["in"] = "ADP",
        ["cd"] = "NUM",
        // nouns: common, proper, adverbial (home, today)
        ["nn"] = "NOUN", ["nns"] = "NOUN", ["np"] = "NOUN", ["nps"] = "NOUN", ["nr"] = "NOUN", ["nrs"] = "NOUN",
        // pronouns (personal, possessive, reflexive, wh-)
        ["pn"] = "PRON", ["pp"] = "PRON", ["ppl"] = "PRON", ["ppls"] = "PRON", ["ppo"] = "PRON",
        ["pps"] = "PRON", ["ppss"] = "PRON", ["wp"] = "PRON", ["wpo"] = "PRON", ["wps"] = "PRON",
        // adverbs and qualifiers
        ["rb"] = "ADV", ["rbr"] = "ADV", ["rbt"] = "ADV", ["rn"] = "ADV", ["wrb"] = "ADV",
        ["ql"] = "ADV", ["qlp"] = "ADV", ["wql"] = "ADV", ["abl"] = "ADV",
        // particles and infinitival to
        ["rp"] = "PRT", ["to"] = "PRT",
        // interjections and the corpus' "nil" (untaggable) tokens
        ["uh"] = "X", ["nil"] = "X",
    };

    private static readonly string[] Suffixes = ["-tl", "-hl", "-nc"];

    public static int IndexOf(string tag)
    {
        for (var i = 0; i < All.Count; i++)
            if (All[i] == tag) return i;
        return -1;
    }

    /// <summary>Reduces a raw Brown tag to the base tag the table is keyed by (e.g. <c>fw-nns$-tl</c> → <c>nns</c>).</summary>
    public static string BaseOf(string rawTag)
    {
        var tag = rawTag.ToLowerInvariant();
        if (tag.StartsWith("fw-", StringComparison.Ordinal)) tag = tag[3..];
        var plus = tag.IndexOf('+');
        if (plus > 0) tag = tag[..plus];
        // suffixes may be stacked (-tl-hl) or cut short after a compound (ppss+ber-n is gone with the compound)
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var suffix in Suffixes)
                if (tag.Length > suffix.Length && tag.EndsWith(suffix, StringComparison.Ordinal))
                {
                    tag = tag[..^suffix.Length];
                    changed = true;
                }
        }
        while (tag.Length > 1 && tag[^1] is '*' or '$') tag = tag[..^1];
        return tag;
    }

    /// <summary>Maps a raw Brown tag; throws for a tag the table does not know.</summary>
    public static string FromBrown(string rawTag) =>
        TryFromBrown(rawTag, out var tag)
            ? tag
            : throw new FormatException($"Brown tag '{rawTag}' (base '{BaseOf(rawTag)}') has no universal tag in the table.");

    public static bool TryFromBrown(string rawTag, out string tag) =>
        BaseTags.TryGetValue(BaseOf(rawTag), out tag!);
}
