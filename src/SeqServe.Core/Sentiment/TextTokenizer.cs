using System.Text.RegularExpressions;

namespace SeqServe.Core.Sentiment;

/// <summary>A token and where it sits in the normalised text.</summary>
public readonly record struct Token(string Text, int Start);

/// <summary>Tokenizer settings; stored in the checkpoint so serving splits text exactly as training did.</summary>
public sealed record TokenizerSettings
{
    /// <summary>Longest token sequence fed to the model; longer texts keep their first and last halves.</summary>
    public int MaxTokens { get; init; } = 256;
}

/// <summary>
/// Lower-cases (GloVe 6B is lower-case), turns <c>&lt;br /&gt;</c> into a space, and splits GloVe-style:
/// runs of letters/digits, the clitics <c>n't 's 're 've 'll 'd 'm</c> as their own tokens
/// ("don't" → "do", "n't"), and every other non-space character on its own. Every non-space character
/// of the normalised text lands in exactly one token.
/// </summary>
public sealed partial class TextTokenizer(TokenizerSettings settings)
{
    public TokenizerSettings Settings { get; } = settings;

    [GeneratedRegex(@"[\p{L}\p{N}]+(?=n't\b)|n't\b|'(?:s|re|ve|ll|d|m)\b|[\p{L}\p{N}]+|\S", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static string Normalize(string text) => text.Replace("<br />", " ").ToLowerInvariant();

    /// <summary>All tokens of the text, in order, untruncated.</summary>
    public List<Token> Tokenize(string text)
    {
        var normalized = Normalize(text);
        var tokens = new List<Token>();
        for (var m = Pattern().Match(normalized); m.Success; m = m.NextMatch())
            tokens.Add(new Token(m.Value, m.Index));
        return tokens;
    }

    /// <summary>The tokens the model sees: at most <see cref="TokenizerSettings.MaxTokens"/>, head and tail kept.</summary>
    public List<Token> ModelTokens(string text) => Truncate(Tokenize(text), Settings.MaxTokens);

    public static List<T> Truncate<T>(List<T> tokens, int max)
    {
        if (tokens.Count <= max) return tokens;
        var head = max / 2;
        return [.. tokens.GetRange(0, head), .. tokens.GetRange(tokens.Count - (max - head), max - head)];
    }
}
