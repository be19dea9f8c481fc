using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SeqServe.Api.Batching;
using SeqServe.Api.Errors;
using SeqServe.Api.Hosting;
using SeqServe.Api.Metrics;
using SeqServe.Api.OpenApi;
using SeqServe.Core.Pos;
using SeqServe.Core.Pos.Chinese;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Api.Predict;

/// <summary>Raw sentences <c>["…"]</c> or pre-tokenized sentences <c>[["The", "cat"]]</c> — exactly one of them.</summary>
public sealed record PosRequest
{
    /// <summary>Raw text, cut like the Brown corpus; tokens carry character offsets.</summary>
    [MinLength(1, ErrorMessage = AtLeastOne), ServingLimit(nameof(ServingOptions.MaxBatch))]
    public string[]? Sentences { get; init; }

    /// <summary>Pre-tokenized sentences, taken as they are.</summary>
    [MinLength(1, ErrorMessage = AtLeastOne), ServingLimit(nameof(ServingOptions.MaxBatch))]
    public string[][]? Tokens { get; init; }

    /// <summary>Default pos-brown, or pos-zh with language "zh".</summary>
    public string? Model { get; init; }

    /// <summary>"en" (default) or "zh": picks the default model, and must match the named model's language. Chinese raw text is segmented by jieba.</summary>
    [AllowedValues("en", "zh", null, ErrorMessage = "must be \"en\" or \"zh\".")]
    public string? Language { get; init; }

    /// <summary>Models whose encoder attends (transformer or self-attention): add each token's attention weights over its sentence.</summary>
    public bool Explain { get; init; }

    private const string AtLeastOne = "must hold at least one sentence.";
}

public sealed record PosResponse(string Model, string Version, IReadOnlyList<PosSentenceResult> Results);
/// <summary>
/// The tagged tokens of one sentence; <c>truncated</c> when it had more than Serving:MaxSteps tokens (only the first
/// <c>tokensUsed</c> are tagged); with <c>explain</c>, per token the weights it gave every token of the sentence (last
/// attention layer, mean over heads; each row sums to 1).
/// </summary>
public sealed record PosSentenceResult(IReadOnlyList<TaggedToken> Tokens, bool Truncated, int TokensUsed,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<float[]>? Attention = null);

/// <summary>POST /v1/pos: part-of-speech tags (12 universal tags) with a confidence for every token.</summary>
public static class PosApi
{
    /// <summary>The model a request names none: the one the Brown recipe trains by default.</summary>
    public static readonly string DefaultModel = new BrownPosRecipe().DefaultModel;

    /// <summary>The model for <c>"language": "zh"</c> when a request names none.</summary>
    public static readonly string DefaultChineseModel = new ChinesePosRecipe().DefaultModel;

    public static RouteGroupBuilder MapPosApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/pos").WithTags("POS tagging").AddEndpointFilter<PredictionMetricsFilter>();
        group.MapPost("", Tag)
            .WithName("TagPartsOfSpeech")
            .WithSummary("Tag every token of English sentences (12 universal tags) or Chinese sentences (17 UPOS tags, jieba segmentation).")
            .WithDescription("Body: `sentences` (raw text, cut like the Brown corpus: punctuation split off, contractions and " +
                             "possessives kept whole, currency, percent signs and units split off numbers (`$ 5`, `3 %`, `10 km`), text already cut the " +
                             "Penn Treebank way (`does n't`, `it 's`) read as such; tokens carry `start`/`end` character offsets) or `tokens` (pre-tokenized, " +
                             $"taken as is) — not both. Optional `model` (default `{DefaultModel}`) and `?version=`. A sentence " +
                             "of more than Serving:MaxSteps tokens (default 2000) is not refused: its first Serving:MaxSteps tokens " +
                             "are tagged and the result says `truncated: true` with `tokensUsed`. " +
                             "Tags: NOUN VERB ADJ ADV PRON DET ADP NUM CONJ PRT . X. " +
                             $"With `language: \"zh\"` (default model `{DefaultChineseModel}`) raw Chinese text is segmented by jieba " +
                             "(simplified or traditional; Latin words, digits and full-width punctuation become tokens of their own) and " +
                             "tagged with the 17 UPOS tags; text without Chinese characters is a 400. `tokens` takes pre-segmented words. " +
                             "`explain: true` (models with encoder `transformer` or attention `self` only) adds `attention` to each sentence: " +
                             "per token, the weights it gave every token of the sentence in the last attention layer, averaged over heads " +
                             "(each row sums to 1).")
            .WithRequestExample(new { sentences = new[] { "The old man walked his dog.", "She didn't see the nation's flag." } })
            .ProducesProblems(ResponseDocs.Prediction);
        return group;
    }

    private static async Task<Results<Ok<PosResponse>, ValidationProblem, ProblemHttpResult>> Tag(
        PosRequest request, ModelLookup lookup, InferenceScheduler inference, IOptions<ServingOptions> options,
        CancellationToken cancel, string? version = null)
    {
        var serving = options.Value;
        var limits = new PosLimits { MaxSentences = serving.MaxBatch, MaxTokens = serving.MaxSteps, MaxTextLength = serving.MaxTextLength };
        var (sentences, tokens) = (request.Sentences, request.Tokens);
        if ((sentences is null) == (tokens is null))
            return Problems.Invalid(sentences is not null ? "tokens" : "sentences",
                sentences is not null ? "give either sentences or tokens, not both." : "give sentences (raw text) or tokens (pre-tokenized).");

        var model = request.Model ?? (request.Language == ChinesePosRecipe.Chinese.Code ? DefaultChineseModel : DefaultModel);
        var (found, problem) = await lookup.Find<IPosTagger>(model, version, "tag", cancel);
        if (problem is not null) return problem;
        var tagger = found!.Model;
        if (request.Language is { } language && language != tagger.Language)
            return Problems.Invalid("language", $"model '{model}' tags \"{tagger.Language}\" text, not \"{language}\"; leave out model to use the default for \"{language}\".");
        if (request.Explain && !tagger.Attends)
            return Problems.Invalid("explain", $"model '{model}' has no attention layer to explain with (train it with architecture.encoder 'transformer' or architecture.attention 'self').");

        // Every sentence is cut and checked here (the tagger's own checks and limits); a bad one is a 400 before anything is queued.
        PosSentence[] prepared;
        if (sentences is not null)
        {
            limits.CheckCount(sentences.Length, "sentences");
            prepared = [.. sentences.Select((s, i) => tagger.PrepareSentence(s, $"sentences[{i}]", limits))];
        }
        else
        {
            limits.CheckCount(tokens!.Length, "tokens");
            prepared = [.. tokens.Select((t, i) => tagger.PrepareTokens(t, $"tokens[{i}]", limits))];
        }
        var tagged = await inference.Submit(found, tagger, prepared, cancel);
        var attention = request.Explain ? await inference.RunAlone(found, () => tagger.AttentionOf(prepared), cancel) : null;
        return TypedResults.Ok(new PosResponse(model, found.Version.Version,
            tagged.Select((t, i) => new PosSentenceResult(t, prepared[i].Truncated, t.Length, attention?[i])).ToList()));
    }
}
