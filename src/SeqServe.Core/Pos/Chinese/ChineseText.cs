using System.Globalization;

namespace SeqServe.Core.Pos.Chinese;

/// <summary>Script facts the Chinese tagger needs: which characters are Han (simplified or traditional), and a word's script shape.</summary>
public static class ChineseText
{
    /// <summary>CJK unified ideographs (basic, extension A, compatibility) and, through surrogates, extensions B and later.</summary>
    public static bool IsHan(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF' or '\u3007'
        || (c is >= '\uD840' and <= '\uD87F'); // high surrogates of planes 2–3 (ideographs)

    public static int HanCount(string text) => text.Count(IsHan);

    /// <summary>Why the Chinese tagger will not tag <paramref name="text"/>, or null when it has Chinese characters.</summary>
    public static string? Refusal(string text) => text.Length == 0 || text.Any(IsHan) ? null
        : "has no Chinese characters: the zh tagger tags Chinese text (Latin words and digits inside it are fine); " +
          "for English use language \"en\" (model pos-brown).";

    /// <summary>A word's script shape, runs collapsed: H Han, L Latin letter, D digit (ASCII or full-width), P punctuation, S other.</summary>
    public static string Shape(string word)
    {
        var shape = new System.Text.StringBuilder(6);
        foreach (var c in word)
        {
            var s = IsHan(c) ? 'H' : char.IsDigit(c) ? 'D' : char.IsLetter(c) ? 'L'
                : char.GetUnicodeCategory(c) is UnicodeCategory.OtherPunctuation or UnicodeCategory.OpenPunctuation
                    or UnicodeCategory.ClosePunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.InitialQuotePunctuation
                    or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.ConnectorPunctuation ? 'P' : 'S';
            if (char.IsLowSurrogate(c)) continue;
            if (shape.Length == 0 || shape[^1] != s) shape.Append(s);
            if (shape.Length >= 6) break;
        }
        return shape.ToString();
    }
}
