namespace SeqServe.Core.Pos.Chinese;

/// <summary>
/// The Chinese tagger's extra word features: jieba's tag of the word (marked as from the dictionary or
/// from jieba's HMM), the word's length in characters (capped at 6) and its script shape.
/// </summary>
public sealed class JiebaLexicon(Jieba jieba) : IPosLexicon
{
    public const string LexiconName = "jieba-0.42.2";
    public string Name => LexiconName;
    public int Slots => 3;

    public void Features(string word, Span<string> into)
    {
        var tag = jieba.TagOf(word);
        into[0] = (jieba.InDictionary(word) ? "d:" : "h:") + tag;
        into[1] = Math.Min(6, word.Length).ToString(System.Globalization.CultureInfo.InvariantCulture);
        into[2] = ChineseText.Shape(word);
    }
}
