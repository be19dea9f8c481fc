namespace SeqServe.Core.Pos;

/// <summary>
/// How a tagger reads raw text in one language: its code, tag set (the output layer's order), tokenizer
/// (tokens with offsets), a warm-up sentence and, optionally, a check that refuses text not in the language
/// (the message becomes a 400 naming the sentence) and how the model reads a text or a pre-cut token before it
/// is cut and tagged, keeping its length (e.g. traditional characters as simplified; null: as it stands). The
/// tagger applies the reading and answers with the text as given.
/// </summary>
public sealed record PosLanguage(string Code, IReadOnlyList<string> TagSet, Func<string, IReadOnlyList<PosToken>> Tokenize, string WarmUp,
    Func<string, string?>? Refuse = null, Func<string, string>? ReadAs = null)
{
    /// <summary>English: the 12 universal tags, text cut like the Brown corpus, with money, percentages, units and treebank clitics cut as the treebank cuts them.</summary>
    public static PosLanguage English { get; } = new("en", UniversalTags.All, BrownTokenizer.Tokenize, "The old man walked his dog.");

    /// <summary>English cut exactly like the Brown corpus, for taggers trained before the treebank-cut copies (<see cref="BrownTokenizer.Tokenize(string, bool)"/>).</summary>
    public static PosLanguage EnglishBrownCut { get; } = English with { Tokenize = text => BrownTokenizer.Tokenize(text, treebank: false) };
}
