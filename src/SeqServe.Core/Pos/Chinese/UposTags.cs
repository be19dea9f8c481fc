namespace SeqServe.Core.Pos.Chinese;

/// <summary>The 17 Universal Dependencies part-of-speech tags (UPOS), in the fixed order of the Chinese model's output layer.</summary>
public static class UposTags
{
    public static readonly IReadOnlyList<string> All =
        ["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"];

    public static bool IsTag(string tag) => All.Contains(tag);
}
