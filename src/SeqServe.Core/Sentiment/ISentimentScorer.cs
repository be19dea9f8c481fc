using SeqServe.Core.Serving;

namespace SeqServe.Core.Sentiment;

/// <summary>How much one token pushed the score (attention weight, or gradient × input summed over the embedding).</summary>
public sealed record TokenAttribution(string Token, float Weight);

/// <summary>The verdict on one text: "positive" when p(positive) ≥ 0.5.</summary>
public sealed record SentimentResult(string Label, float Score, IReadOnlyList<TokenAttribution>? Attributions = null);

/// <summary>Scores English texts positive/negative (the "score" operation of a "sentiment" model).</summary>
public interface ISentimentScorer : IServedModel
{
    /// <summary>Tokens the model reads per text; longer texts keep their first and last halves.</summary>
    int MaxTokens { get; }

    /// <summary>How attributions are computed: "attention" or "gradient-x-input".</summary>
    string AttributionMethod { get; }

    /// <summary>One result per text, in order. Throws <see cref="ModelInputException"/> for an empty text.</summary>
    IReadOnlyList<SentimentResult> Score(IReadOnlyList<string> texts, bool explain = false);
}
