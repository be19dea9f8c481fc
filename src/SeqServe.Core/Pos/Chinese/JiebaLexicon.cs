using System.Globalization;

namespace SeqServe.Core.Pos.Chinese;

/// <summary>
/// The Chinese tagger's extra word features: jieba's tag of the word (marked as from the dictionary or
/// from jieba's HMM), the word's length in characters (capped at 6) and its script shape; with
/// <see cref="CharacterEvidence"/>, also the word's dictionary frequency (log₂ bucket) and, for its first and
/// last character, the two UPOS tags most dictionary words starting / ending with that character have
/// (evidence for words the dictionary and the training data lack).
/// </summary>
public sealed class JiebaLexicon(Jieba jieba, bool characterEvidence = true) : IPosLexicon
{
    /// <summary>The three word features only (the first shipped pos-zh).</summary>
    public const string WordOnlyName = "jieba-0.42.2";
    public const string LexiconName = "jieba-0.42.2+characters";

    /// <summary>Slots with character evidence (without: 3).</summary>
    public const int CharacterSlots = 6;

    public bool CharacterEvidence => characterEvidence;
    public string Name => characterEvidence ? LexiconName : WordOnlyName;
    public int Slots => characterEvidence ? CharacterSlots : 3;

    /// <summary>The lexicon a manifest names; null for a name this tagger does not know.</summary>
    public static JiebaLexicon? Named(string? name, Jieba jieba) => name switch
    {
        LexiconName => new JiebaLexicon(jieba),
        WordOnlyName => new JiebaLexicon(jieba, characterEvidence: false),
        _ => null,
    };

    public void Features(string word, Span<string> into)
    {
        var tag = jieba.TagOf(word);
        into[0] = (jieba.InDictionary(word) ? "d:" : "h:") + tag;
        into[1] = Math.Min(6, word.Length).ToString(CultureInfo.InvariantCulture);
        into[2] = ChineseText.Shape(word);
        if (!characterEvidence) return;
        var frequency = jieba.FrequencyOf(word);
        into[3] = frequency <= 0 ? "f:none" : "f:" + Math.Min(20, (int)Math.Log2(frequency)).ToString(CultureInfo.InvariantCulture);
        into[4] = "s:" + (word.Length == 0 ? "" : jieba.StartTagOf(word[0]) ?? "none");
        into[5] = "e:" + (word.Length == 0 ? "" : jieba.EndTagOf(word[^1]) ?? "none");
    }
}
