using SeqServe.Core.Serving;

namespace SeqServe.Core.Pos;

/// <summary>One tagged token: surface text, universal tag, the model's probability for it, and (for raw text) character offsets.</summary>
public sealed record TaggedToken(string Text, string Tag, float Confidence, int? Start = null, int? End = null);

/// <summary>Limits a tagger enforces on every request.</summary>
public sealed record PosLimits
{
    public int MaxSentences { get; init; } = 64;
    public int MaxTokens { get; init; } = 256;
    public int MaxTokenLength { get; init; } = 100;
    public int MaxTextLength { get; init; } = 5_000;
}

/// <summary>A served part-of-speech tagger (kind "tagger", operation "tag").</summary>
public interface IPosTagger : IServedModel
{
    /// <summary>The tags it can answer, in output order.</summary>
    IReadOnlyList<string> TagSet { get; }

    PosLimits Limits { get; }

    /// <summary>Tags raw sentences, cut with <see cref="BrownTokenizer"/>; tokens carry offsets into their sentence.</summary>
    IReadOnlyList<TaggedToken[]> TagSentences(IReadOnlyList<string> sentences);

    /// <summary>Tags pre-tokenized sentences, taken as they are.</summary>
    IReadOnlyList<TaggedToken[]> TagTokens(IReadOnlyList<IReadOnlyList<string>> sentences);
}
