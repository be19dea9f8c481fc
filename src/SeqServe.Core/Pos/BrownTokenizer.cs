namespace SeqServe.Core.Pos;

/// <summary>A token cut from raw text: its surface text, character offsets into the input, and the form the model sees.</summary>
public sealed record PosToken(string Text, int Start, int End, string Form);

/// <summary>
/// Cuts raw English text the way the Brown corpus is cut, so the model sees at serving time what it saw in
/// training: punctuation is split off (<c>dog .</c>), but contractions and possessives stay whole
/// (<c>didn't</c>, <c>I'm</c>, <c>nation's</c>, <c>parents'</c>), as do numbers (<c>1,000</c>, <c>3.5</c>,
/// <c>$600</c>), hyphenated words (<c>hard-fought</c>) and abbreviations (<c>Mr.</c>, <c>U.S.</c>). A dash
/// <c>--</c> is its own token; straight double quotes become the corpus' <c>``</c> and <c>''</c>. Like the
/// treebank, a currency sign, a percent sign or a unit is split off its number (<c>$ 5</c>, <c>3 %</c>,
/// <c>10 km</c>), and text already cut the treebank way keeps its clitics (<c>does n't</c>, <c>it 's</c>).
/// </summary>
public static class BrownTokenizer
{
    private const string Leading = "([{\"`'";
    private const string Trailing = ".,;:!?)]}\"'";

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr.", "mrs.", "ms.", "dr.", "st.", "jr.", "sr.", "prof.", "gen.", "gov.", "sen.", "rep.", "rev.", "col.",
        "lt.", "capt.", "sgt.", "mt.", "ft.", "co.", "corp.", "inc.", "ltd.", "vs.", "etc.", "jan.", "feb.",
        "aug.", "sept.", "oct.", "nov.", "dec.", "a.m.", "p.m.",
    };

    /// <summary>Words the corpus writes with a leading apostrophe that is part of the word.</summary>
    private static readonly HashSet<string> LeadingApostropheWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "'em", "'im", "'tis", "'twas", "'round", "'til", "'till", "'cause", "'n'",
    };

    /// <summary>Clitics of text already cut the treebank way (it 's, I 'm, we 're, they 'll, I 've, he 'd).</summary>
    private static readonly HashSet<string> TreebankClitics = new(StringComparer.OrdinalIgnoreCase)
    {
        "'s", "'m", "'re", "'ll", "'ve", "'d",
    };

    /// <summary>Units split off a number written against it (10km → 10 km), as the treebank and UD cut them.</summary>
    private static readonly HashSet<string> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        "km", "m", "cm", "mm", "mi", "ft", "in", "yd", "kg", "g", "mg", "lb", "lbs", "oz", "l", "ml", "mph", "kph",
        "kmh", "h", "hr", "hrs", "min", "sec", "ms", "am", "pm", "kb", "mb", "gb", "tb", "hz", "khz", "mhz", "ghz",
        "w", "kw", "mw", "kwh", "v", "mah", "bn", "m2", "km2",
    };

    private const string Currencies = "$£€¥";

    /// <summary>Cuts <paramref name="text"/> for a tagger trained on the treebank-cut copies too (<see cref="BrownAugmentation"/>).</summary>
    public static List<PosToken> Tokenize(string text) => Tokenize(text, treebank: true);

    /// <summary>
    /// With <paramref name="treebank"/> false, the cut of taggers trained on Brown as it is: numbers keep their
    /// currency, percent sign and unit (<c>$5</c>, <c>3%</c>, <c>10km</c>) and a lone <c>'s</c> loses its apostrophe.
    /// </summary>
    public static List<PosToken> Tokenize(string text, bool treebank)
    {
        var tokens = new List<PosToken>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            SplitChunk(text, start, i, tokens, treebank);
        }
        return tokens;
    }

    /// <summary>Splits one whitespace-free chunk [start, end) into tokens.</summary>
    private static void SplitChunk(string text, int start, int end, List<PosToken> tokens, bool treebank)
    {
        // a dash inside a chunk ("word--word") separates two chunks
        var dash = text.IndexOf("--", start, end - start, StringComparison.Ordinal);
        if (dash >= 0)
        {
            var dashEnd = dash;
            while (dashEnd < end && text[dashEnd] == '-') dashEnd++;
            if (dash > start) SplitChunk(text, start, dash, tokens, treebank);
            Add(text, dash, dashEnd, tokens);
            if (dashEnd < end) SplitChunk(text, dashEnd, end, tokens, treebank);
            return;
        }

        var tail = new List<(int, int)>();
        while (start < end && Leading.Contains(text[start]) && !KeepsLeadingApostrophe(text, start, end, treebank))
        {
            var len = start + 1 < end && text[start] == '`' && text[start + 1] == '`' ? 2 : 1;
            Add(text, start, start + len, tokens);
            start += len;
        }
        while (end > start && Trailing.Contains(text[end - 1]) && !KeepsTrailing(text, start, end))
        {
            var len = end - 2 >= start && text[end - 1] == '\'' && text[end - 2] == '\'' ? 2
                : end - 3 >= start && text.AsSpan(end - 3, 3) is "..." ? 3 : 1;
            tail.Add((end - len, end));
            end -= len;
        }
        if (end > start && treebank) AddWord(text, start, end, tokens);
        else if (end > start) Add(text, start, end, tokens);
        for (var t = tail.Count - 1; t >= 0; t--) Add(text, tail[t].Item1, tail[t].Item2, tokens);
    }

    /// <summary>
    /// Adds a word, splitting what the treebank splits off a number: a currency sign before it ($5 → $ 5), a
    /// percent sign after it (3% → 3 %) and a unit written against it (10km → 10 km).
    /// </summary>
    private static void AddWord(string text, int start, int end, List<PosToken> tokens)
    {
        if (end - start >= 2 && Currencies.Contains(text[start]) && char.IsDigit(text[start + 1]))
        {
            Add(text, start, start + 1, tokens);
            start++;
        }
        if (!char.IsDigit(text[start]))
        {
            Add(text, start, end, tokens);
            return;
        }
        var digits = start;
        while (digits < end && (char.IsDigit(text[digits]) || (text[digits] is ',' or '.' && digits + 1 < end && char.IsDigit(text[digits + 1]))))
            digits++;
        if (digits < end && digits + 1 == end && text[digits] == '%')
        {
            Add(text, start, digits, tokens);
            Add(text, digits, end, tokens);
        }
        else if (digits < end && Units.Contains(text[digits..end]))
        {
            Add(text, start, digits, tokens);
            Add(text, digits, end, tokens);
        }
        else Add(text, start, end, tokens);
    }

    private static bool KeepsLeadingApostrophe(string text, int start, int end, bool treebank)
    {
        if (text[start] != '\'') return false;
        var word = text[start..end].TrimEnd(Trailing.ToCharArray());
        return LeadingApostropheWords.Contains(word) || (treebank && TreebankClitics.Contains(word));
    }

    /// <summary>Whether the last character of [start, end) belongs to the word (abbreviation dot, possessive apostrophe).</summary>
    private static bool KeepsTrailing(string text, int start, int end)
    {
        var last = text[end - 1];
        var word = text[start..end];
        if (last == '.')
        {
            if (word.Length < 2) return false;
            if (Abbreviations.Contains(word)) return true;
            // initials and dotted abbreviations: J. U.S. A.B.C.
            for (var k = 0; k < word.Length; k += 2)
                if (k + 1 >= word.Length || !char.IsLetter(word[k]) || word[k + 1] != '.') return false;
            return true;
        }
        // plural possessive: parents' Roberts'
        return last == '\'' && word.Length >= 3 && (word[^2] is 's' or 'S') && char.IsLetter(word[^3])
            && !word.StartsWith('\'');
    }

    private static void Add(string text, int start, int end, List<PosToken> tokens)
    {
        var surface = text[start..end];
        var form = surface switch
        {
            "\"" => OpensQuote(text, start) ? "``" : "''",
            _ => surface,
        };
        tokens.Add(new PosToken(surface, start, end, form));
    }

    /// <summary>A straight double quote opens when nothing but space or an opening bracket precedes it.</summary>
    private static bool OpensQuote(string text, int at) =>
        at == 0 || char.IsWhiteSpace(text[at - 1]) || "([{".Contains(text[at - 1]);
}
