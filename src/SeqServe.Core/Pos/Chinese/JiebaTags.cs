namespace SeqServe.Core.Pos.Chinese;

/// <summary>
/// jieba's tags (the ICTCLAS-style set of its dictionary and HMM) mapped to UPOS — the baseline a jieba
/// user already has. Decided from the tag definitions, not tuned on the treebank; the table is in docs/pos-zh.md.
/// </summary>
public static class JiebaTags
{
    private static readonly Dictionary<string, string> Table = new(StringComparer.Ordinal)
    {
        // nouns; proper nouns (person, place, organisation, other proper); time and place words
        ["n"] = "NOUN", ["ng"] = "NOUN", ["nl"] = "NOUN", ["s"] = "NOUN", ["t"] = "NOUN", ["tg"] = "NOUN", ["j"] = "NOUN", ["l"] = "NOUN",
        ["nr"] = "PROPN", ["nr1"] = "PROPN", ["nr2"] = "PROPN", ["nrj"] = "PROPN", ["nrf"] = "PROPN", ["nrfg"] = "PROPN", ["nrt"] = "PROPN",
        ["ns"] = "PROPN", ["nsf"] = "PROPN", ["nt"] = "PROPN", ["nz"] = "PROPN",
        // verbs (verbal nouns and idioms too: mostly predicates)
        ["v"] = "VERB", ["vd"] = "VERB", ["vg"] = "VERB", ["vi"] = "VERB", ["vl"] = "VERB", ["vn"] = "VERB", ["vq"] = "VERB", ["vf"] = "VERB",
        ["vx"] = "AUX", ["vshi"] = "AUX", ["vyou"] = "VERB", ["i"] = "VERB",
        // adjectives, distinguishing words, state words
        ["a"] = "ADJ", ["ag"] = "ADJ", ["al"] = "ADJ", ["an"] = "ADJ", ["b"] = "ADJ", ["bl"] = "ADJ", ["z"] = "ADJ", ["zg"] = "ADJ",
        // adverbs
        ["d"] = "ADV", ["dg"] = "ADV", ["df"] = "ADV", ["ad"] = "ADV",
        // pronouns
        ["r"] = "PRON", ["rr"] = "PRON", ["rz"] = "PRON", ["rg"] = "PRON", ["ry"] = "PRON",
        // numerals and measure words (UD Chinese tags classifiers NOUN)
        ["m"] = "NUM", ["mq"] = "NUM", ["mg"] = "NUM", ["q"] = "NOUN", ["qv"] = "NOUN", ["qt"] = "NOUN",
        // prepositions and localisers (UD Chinese: ADP)
        ["p"] = "ADP", ["f"] = "ADP",
        // conjunctions
        ["c"] = "CCONJ", ["cc"] = "CCONJ",
        // particles: structural 的/地/得 and others; aspect markers 了/着/过 are AUX in UD Chinese
        ["u"] = "PART", ["uj"] = "PART", ["ud"] = "PART", ["uv"] = "PART", ["uz"] = "AUX", ["ul"] = "AUX", ["ug"] = "AUX",
        ["y"] = "PART", ["k"] = "PART", ["h"] = "PART",
        // interjections and onomatopoeia
        ["e"] = "INTJ", ["o"] = "INTJ",
        // punctuation (jieba's x is punctuation and other non-words), Latin words, morphemes, unknown
        ["x"] = "PUNCT", ["w"] = "PUNCT", ["eng"] = "X", ["g"] = "X", ["un"] = "X",
    };

    /// <summary>The UPOS tag for a jieba tag; X for a tag the table does not list.</summary>
    public static string ToUpos(string jiebaTag) => Table.GetValueOrDefault(jiebaTag, "X");

    /// <summary>Every jieba tag the table lists, with its UPOS tag (for the docs and tests).</summary>
    public static IReadOnlyDictionary<string, string> Mapping => Table;
}
