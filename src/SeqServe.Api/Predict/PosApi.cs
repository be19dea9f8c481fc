using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SeqServe.Api.Batching;
using SeqServe.Api.Errors;
using SeqServe.Api.Hosting;
using SeqServe.Api.Metrics;
using SeqServe.Api.OpenApi;
using SeqServe.Core.Pos;
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

    /// <summary>Default pos-brown.</summary>
    public string? Model { get; init; }

    private const string AtLeastOne = "must hold at least one sentence.";
}

public sealed record PosResponse(string Model, string Version, IReadOnlyList<PosSentenceResult> Results);
/// <summary>
/// The tagged tokens of one sentence; <c>truncated</c> when it had more than Serving:MaxSteps tokens (only the first
/// <c>tokensUsed</c> are tagged).
/// </summary>
public sealed record PosSentenceResult(IReadOnlyList<TaggedToken> Tokens, bool Truncated, int TokensUsed);

/// <summary>POST /v1/pos: part-of-speech tags (12 universal tags) with a confidence for every token.</summary>
public static class PosApi
{
    /// <summary>The model a request names none: the one the Brown recipe trains by default.</summary>
    public static readonly string DefaultModel = new BrownPosRecipe().DefaultModel;

    public static RouteGroupBuilder MapPosApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/pos").WithTags("POS tagging").AddEndpointFilter<PredictionMetricsFilter>();
        group.MapPost("", Tag)
            .WithName("TagPartsOfSpeech")
            .WithSummary("Tag every token of English sentences with one of the 12 universal part-of-speech tags.")
            .WithDescription("Body: `sentences` (raw text, cut like the Brown corpus: punctuation split off, contractions and " +
                             "possessives kept whole; tokens carry `start`/`end` character offsets) or `tokens` (pre-tokenized, " +
                             $"taken as is) — not both. Optional `model` (default `{DefaultModel}`) and `?version=`. A sentence " +
                             "of more than Serving:MaxSteps tokens (default 2000) is not refused: its first Serving:MaxSteps tokens " +
                             "are tagged and the result says `truncated: true` with `tokensUsed`. " +
                             "Tags: NOUN VERB ADJ ADV PRON DET ADP NUM CONJ PRT . X.")
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

        var model = request.Model ?? DefaultModel;
        var (found, problem) = await lookup.Find<IPosTagger>(model, version, "tag", cancel);
        if (problem is not null) return problem;
        var tagger = found!.Model;

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
        return TypedResults.Ok(new PosResponse(model, found.Version.Version,
            tagged.Select((t, i) => new PosSentenceResult(t, prepared[i].Truncated, t.Length)).ToList()));
    }
}
