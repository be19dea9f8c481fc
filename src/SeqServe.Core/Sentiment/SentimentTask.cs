using SeqServe.Core.Tasks;

namespace SeqServe.Core.Sentiment;

/// <summary>Sentiment scoring: a review in, positive/negative with a probability and per-token attributions out.</summary>
public static class SentimentTask
{
    public const string Name = "sentiment";
    public static TaskRegistration Registration { get; } = new(Name, [new ImdbSentimentRecipe()]);
}
