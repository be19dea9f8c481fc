using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Core.Pos;

/// <summary>One tagged token: surface text, universal tag, the model's probability for it, and (for raw text) character offsets.</summary>
public sealed record TaggedToken(string Text, string Tag, float Confidence, int? Start = null, int? End = null);

/// <summary>Limits a tagging request must keep; the API fills them from its serving configuration.</summary>
public sealed record PosLimits
{
    public int MaxSentences { get; init; } = 64;
    /// <summary>Tokens tagged per sentence; a longer sentence is tagged on its first this many tokens (and says so).</summary>
    public int MaxTokens { get; init; } = 512;
    public int MaxTokenLength { get; init; } = 100;
    public int MaxTextLength { get; init; } = 100_000;

    /// <summary>Throws <see cref="ModelInputException"/> unless 1 to <see cref="MaxSentences"/> sentences are given.</summary>
    public void CheckCount(int count, string field)
    {
        if (count == 0) throw new ModelInputException(field, "must hold at least one sentence.");
        if (count > MaxSentences)
            throw new ModelInputException(field, $"must hold at most {MaxSentences} sentences (got {count}).");
    }
}

/// <summary>
/// A checked sentence ready to tag: the forms the model reads and, for raw text, the tokens with their offsets.
/// <paramref name="GivenTokens"/> is how many tokens the sentence had, more than <see cref="Forms"/> when it was
/// truncated to <see cref="PosLimits.MaxTokens"/>.
/// </summary>
public sealed record PosSentence(IReadOnlyList<string> Forms, IReadOnlyList<PosToken>? Raw, int GivenTokens = 0)
{
    /// <summary>The tokens as given, when the language reads them in another form (<see cref="PosLanguage.ReadAs"/>); the answer shows these.</summary>
    public IReadOnlyList<string>? Texts { get; init; }

    /// <summary>Whether only the first <see cref="PosLimits.MaxTokens"/> tokens are tagged.</summary>
    public bool Truncated => GivenTokens > Forms.Count;
}

/// <summary>A served part-of-speech tagger (kind "tagger", operation "tag"); as a batch kernel, checked sentences → tagged tokens.</summary>
public interface IPosTagger : IServedModel, IBatchKernel<PosSentence, TaggedToken[]>
{
    /// <summary>
    /// Cuts and checks one raw sentence (no torch); a text over <see cref="PosLimits.MaxTextLength"/> is a
    /// <see cref="ModelInputException"/> naming <paramref name="field"/>, a sentence of more than
    /// <see cref="PosLimits.MaxTokens"/> tokens is truncated to them (<see cref="PosSentence.Truncated"/>).
    /// </summary>
    PosSentence PrepareSentence(string? text, string field, PosLimits limits);

    /// <summary>Checks one pre-tokenized sentence (no torch); truncated to <see cref="PosLimits.MaxTokens"/> tokens like a raw one.</summary>
    PosSentence PrepareTokens(IReadOnlyList<string>? tokens, string field, PosLimits limits);

    /// <summary>The language of the text it reads ("en", "zh"); requests may ask for one.</summary>
    string Language => PosLanguage.English.Code;

    /// <summary>The tags it can answer, in output order.</summary>
    IReadOnlyList<string> TagSet { get; }

    /// <summary>Tags raw sentences (a sentence past a limit is a <see cref="ModelInputException"/>), cut with <see cref="BrownTokenizer"/>; tokens carry offsets into their sentence.</summary>
    IReadOnlyList<TaggedToken[]> TagSentences(IReadOnlyList<string> sentences, PosLimits? limits = null);

    /// <summary>Tags pre-tokenized sentences, taken as they are.</summary>
    IReadOnlyList<TaggedToken[]> TagTokens(IReadOnlyList<IReadOnlyList<string>> sentences, PosLimits? limits = null);

    /// <summary>Whether the model's encoder attends (transformer or self-attention), so <see cref="AttentionOf"/> can answer.</summary>
    bool Attends => false;

    /// <summary>
    /// Per sentence, per token: the weights it gave every token of its sentence in the encoder's last attention layer,
    /// averaged over heads (each row sums to 1). Only when <see cref="Attends"/>.
    /// </summary>
    IReadOnlyList<float[][]> AttentionOf(IReadOnlyList<PosSentence> sentences) =>
        throw new NotSupportedException("this tagger's encoder has no attention layer.");
}
