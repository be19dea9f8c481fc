namespace SeqServe.Core.Text;

/// <summary>
/// What every string a client sends must be, and how an error message shows a client's value: the
/// one place both are decided.
/// </summary>
public static class TextChecks
{
    /// <summary>How many characters of a client's value an error message repeats.</summary>
    public const int QuoteLength = 100;

    /// <summary>
    /// Why <paramref name="text"/> cannot be taken (an unpaired UTF-16 surrogate, an ASCII control
    /// character other than tab and line breaks: NUL, ESC, backspace, DEL …), or null when it can. C1
    /// characters (U+0080–U+009F) pass: real text decoded from Windows-1252 is full of them (1,571 of the
    /// 50,000 IMDB reviews hold U+0096 or U+0085).
    /// </summary>
    public static string? Problem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                return $"contains an unpaired UTF-16 surrogate (U+{(int)c:X4}) at character {i}; send valid Unicode text.";
            }
            if (char.IsLowSurrogate(c))
                return $"contains an unpaired UTF-16 surrogate (U+{(int)c:X4}) at character {i}; send valid Unicode text.";
            if ((c < 0x20 || c == 0x7F) && c is not ('\t' or '\n' or '\r'))
                return $"contains the control character U+{(int)c:X4} at character {i}; of U+0000–U+001F and U+007F only tab and line breaks are allowed.";
        }
        return null;
    }

    /// <summary>A client's value as an error message shows it: quoted, at most <see cref="QuoteLength"/> characters.</summary>
    public static string Quote(string? value) => value is null
        ? "null"
        : value.Length <= QuoteLength
            ? $"'{value}'"
            : $"'{value[..QuoteLength]}…' ({value.Length:N0} characters)";
}
