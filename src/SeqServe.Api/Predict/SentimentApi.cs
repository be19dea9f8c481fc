using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SeqServe.Api.Batching;
using SeqServe.Api.Errors;
using SeqServe.Api.Hosting;
using SeqServe.Api.Metrics;
using SeqServe.Api.OpenApi;
using SeqServe.Core.Sentiment;
using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Api.Predict;

/// <summary>A batch of texts to score; <c>model</c> defaults to sentiment-imdb; <c>explain</c> adds per-token attributions.</summary>
public sealed record SentimentRequest
{
    [Required(ErrorMessage = TextsRequired), MinLength(1, ErrorMessage = TextsRequired), ServingLimit(nameof(ServingOptions.MaxBatch))]
    public string?[]? Texts { get; init; }

    /// <summary>Default sentiment-imdb.</summary>
    public string? Model { get; init; }

    /// <summary>Adds one attribution per token the model read.</summary>
    public bool Explain { get; init; }

    private const string TextsRequired = "is required and must hold at least one text.";
}

public sealed record SentimentResponse(string Model, string Version, SentimentItem[] Results,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AttributionMethod = null);

/// <summary>
/// p(positive) (calibrated) and its label; <c>truncated</c> when the text has more tokens than the model's window (it then read
/// the first and last halves of the window), <c>tokensUsed</c> the tokens it read; <c>confidence</c> "high" | "low" | "uncertain"
/// (<see cref="ConfidenceBand"/>); with <c>explain</c>, one weight per token read.
/// </summary>
public sealed record SentimentItem(string Label, float Score, bool Truncated, int TokensUsed, string Confidence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TokenAttribution[]? Attributions = null);

/// <summary>POST /v1/sentiment: positive/negative scores for a batch of English texts.</summary>
public static class SentimentApi
{
    /// <summary>The model a request names none: the one the IMDB recipe trains by default.</summary>
    public static readonly string DefaultModel = new ImdbSentimentRecipe().DefaultModel;

    public static RouteGroupBuilder MapSentimentApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/sentiment").WithTags("Sentiment").AddEndpointFilter<PredictionMetricsFilter>();
        group.MapPost("/", Score)
            .WithName("ScoreSentiment")
            .WithSummary("Score English texts: p(positive) and a positive/negative label per text.")
            .WithDescription(
                "Body: `texts` (1 to Serving:MaxBatch non-empty strings of at most Serving:MaxTextLength characters), optional " +
                "`model` (default sentiment-imdb) and `explain`. With `explain: true` every result carries one attribution per token " +
                "the model read: attention weights when the model pools with attention, the attention each token receives in the last " +
                "self-attention layer (mean over heads and query tokens) when its encoder attends, otherwise gradient × input summed over the " +
                "embedding (positive pushes towards 'positive'). A text longer than the model's window (its token limit, 256 " +
                "tokens for sentiment-imdb) is not refused: the model reads its first and last halves of the window, and the result " +
                "says `truncated: true` with `tokensUsed`. Serving:MaxTextLength (default 100,000 characters) is only a safety " +
                "limit. Every result carries `confidence`: `uncertain` when the text holds no word the model knows (no token with a letter " +
                "in its vocabulary, e.g. \"!!!\") or max(score, 1 - score) < 0.65, `low` below 0.85, `high` otherwise; `score` is calibrated " +
                "(sigmoid of the logit over the temperature fitted at training and stored in the manifest). Optional `?version=`.")
            .WithRequestExample(new
            {
                texts = new[]
                {
                    "One of the best films I have seen in years: moving, funny and beautifully acted.",
                    "A dull, lifeless plot and wooden acting. I want my two hours back.",
                },
                explain = false,
            })
            .ProducesProblems(ResponseDocs.Prediction);
        return group;
    }

    private static async Task<Results<Ok<SentimentResponse>, ValidationProblem, ProblemHttpResult>> Score(
        SentimentRequest request, ModelLookup lookup, InferenceScheduler inference, IOptions<ServingOptions> limits,
        CancellationToken cancel, string? version = null)
    {
        var max = limits.Value;
        var texts = request.Texts!; // present and not empty: SentimentRequest's attributes, checked before the handler runs
        if (texts.Length > max.MaxBatch)
            return Problems.Invalid("texts", $"holds {texts.Length} texts; the limit is {max.MaxBatch} (Serving:MaxBatch).");
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < texts.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(texts[i])) errors[$"texts[{i}]"] = ["must be a non-empty string."];
            else if (texts[i]!.Length > max.MaxTextLength)
                errors[$"texts[{i}]"] = [$"has {texts[i]!.Length} characters; the limit is {max.MaxTextLength} (Serving:MaxTextLength)."];
        }
        if (errors.Count > 0) return Problems.Invalid(errors);

        var model = request.Model ?? DefaultModel;
        var (found, problem) = await lookup.Find<ISentimentScorer>(model, version, "score", cancel);
        if (problem is not null) return problem;
        var scorer = found!.Model;
        var prepared = new SentimentText[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            try { prepared[i] = scorer.Prepare(texts[i], $"texts[{i}]"); }
            catch (ModelInputException e) { errors[e.Field] = [e.Message]; }
        }
        if (errors.Count > 0) return Problems.Invalid(errors);

        // Explanations need their own (gradient) pass: unbatched, but on an inference thread all the same.
        var results = request.Explain
            ? await inference.RunAlone(found, () => scorer.Score(texts!, explain: true), cancel)
            : [.. (await inference.Submit(found, scorer, prepared, cancel)).Select((p, i) => SentimentResult.Of(p, prepared[i]))];
        return TypedResults.Ok(new SentimentResponse(model, found.Version.Version,
            results.Select((r, i) => new SentimentItem(r.Label, r.Score, prepared[i].Truncated, prepared[i].Tokens.Count,
                r.Confidence, r.Attributions?.ToArray())).ToArray(),
            request.Explain ? scorer.AttributionMethod : null));
    }
}
