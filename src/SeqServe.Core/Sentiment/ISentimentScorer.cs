using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Core.Sentiment;

/// <summary>How much one token pushed the score (attention weight, or gradient × input summed over the embedding).</summary>
public sealed record TokenAttribution(string Token, float Weight);

/// <summary>
/// The verdict on one text: "positive" when p(positive) ≥ 0.5; <paramref name="Confidence"/> is its band
/// ("high" | "low" | "uncertain", <see cref="ConfidenceBand"/>).
/// </summary>
public sealed record SentimentResult(string Label, float Score, string Confidence, IReadOnlyList<TokenAttribution>? Attributions = null)
{
    /// <summary>The verdict for p(positive) = <paramref name="p"/>; <paramref name="knowsAWord"/> whether the text held a word the model knows.</summary>
    public static SentimentResult Of(float p, bool knowsAWord = true, IReadOnlyList<TokenAttribution>? attributions = null) =>
        new(p >= 0.5f ? "positive" : "negative", p, ConfidenceBand.Of(p, knowsAWord), attributions);

    /// <summary>The verdict on a prepared text scored <paramref name="p"/>.</summary>
    public static SentimentResult Of(float p, SentimentText text, IReadOnlyList<TokenAttribution>? attributions = null) =>
        Of(p, text.KnowsAWord, attributions);
}

/// <summary>
/// A text cut into the tokens the model reads and their vocabulary ids (no torch involved); <paramref name="TextTokens"/>
/// is how many tokens the whole text has, more than <see cref="Tokens"/> when the text was truncated to the model's window.
/// </summary>
public sealed record SentimentText(IReadOnlyList<Token> Tokens, long[] Ids, int TextTokens = 0)
{
    /// <summary>Whether a token with a letter in it is in the model's vocabulary (false for "!!!" or unknown words only).</summary>
    public bool KnowsAWord { get; init; } = true;

    /// <summary>Whether the model read only part of the text (its first and last halves of <see cref="ISentimentScorer.MaxTokens"/>).</summary>
    public bool Truncated => TextTokens > Tokens.Count;
}

/// <summary>
/// Scores English texts positive/negative (the "score" operation of a "sentiment" model). As a batch kernel
/// it turns prepared texts into p(positive), one forward pass for many texts.
/// </summary>
public interface ISentimentScorer : IServedModel, IBatchKernel<SentimentText, float>
{
    /// <summary>Tokenizes and encodes one text; throws <see cref="ModelInputException"/> naming <paramref name="field"/> when it holds no word.</summary>
    SentimentText Prepare(string? text, string field);

    /// <summary>Tokens the model reads per text; longer texts keep their first and last halves.</summary>
    int MaxTokens { get; }

    /// <summary>How attributions are computed: "attention" or "gradient-x-input".</summary>
    string AttributionMethod { get; }

    /// <summary>One result per text, in order. Throws <see cref="ModelInputException"/> for an empty text.</summary>
    IReadOnlyList<SentimentResult> Score(IReadOnlyList<string> texts, bool explain = false);
}
