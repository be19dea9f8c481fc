using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Core.Sentiment;

/// <summary>How much one token pushed the score (attention weight, or gradient × input summed over the embedding).</summary>
public sealed record TokenAttribution(string Token, float Weight);

/// <summary>The verdict on one text: "positive" when p(positive) ≥ 0.5.</summary>
public sealed record SentimentResult(string Label, float Score, IReadOnlyList<TokenAttribution>? Attributions = null)
{
    /// <summary>The verdict for p(positive) = <paramref name="p"/>.</summary>
    public static SentimentResult Of(float p, IReadOnlyList<TokenAttribution>? attributions = null) =>
        new(p >= 0.5f ? "positive" : "negative", p, attributions);
}

/// <summary>
/// A text cut into the tokens the model reads and their vocabulary ids (no torch involved); <paramref name="TextTokens"/>
/// is how many tokens the whole text has, more than <see cref="Tokens"/> when the text was truncated to the model's window.
/// </summary>
public sealed record SentimentText(IReadOnlyList<Token> Tokens, long[] Ids, int TextTokens = 0)
{
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
