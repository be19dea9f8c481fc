using SeqServe.Core.Serving;

namespace SeqServe.Core.Pos;

/// <summary>One tagged token: surface text, universal tag, the model's probability for it, and (for raw text) character offsets.</summary>
public sealed record TaggedToken(string Text, string Tag, float Confidence, int? Start = null, int? End = null);

/// <summary>Limits a tagging request must keep; the API fills them from its serving configuration.</summary>
public sealed record PosLimits
{
    public int MaxSentences { get; init; } = 64;
    public int MaxTokens { get; init; } = 512;
    public int MaxTokenLength { get; init; } = 100;
    public int MaxTextLength { get; init; } = 10_000;
}

/// <summary>A served part-of-speech tagger (kind "tagger", operation "tag").</summary>
public interface IPosTagger : IServedModel
{
    /// <summary>The tags it can answer, in output order.</summary>
    IReadOnlyList<string> TagSet { get; }

    /// <summary>Tags raw sentences (a sentence past a limit is a <see cref="ModelInputException"/>), cut with <see cref="BrownTokenizer"/>; tokens carry offsets into their sentence.</summary>
    IReadOnlyList<TaggedToken[]> TagSentences(IReadOnlyList<string> sentences, PosLimits? limits = null);

    /// <summary>Tags pre-tokenized sentences, taken as they are.</summary>
    IReadOnlyList<TaggedToken[]> TagTokens(IReadOnlyList<IReadOnlyList<string>> sentences, PosLimits? limits = null);
}
