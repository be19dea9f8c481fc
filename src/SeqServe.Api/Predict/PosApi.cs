using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SeqServe.Api.Batching;
using SeqServe.Api.Errors;
using SeqServe.Api.Hosting;
using SeqServe.Api.Metrics;
using SeqServe.Api.OpenApi;
using SeqServe.Core.Pos;
using SeqServe.Core.Serving.Batching;
using SeqServe.Core.Text;

namespace SeqServe.Api.Predict;

/// <summary>Raw sentences <c>["…"]</c> or pre-tokenized sentences <c>[["The", "cat"]]</c> — exactly one of them.</summary>
public sealed record PosRequest(JsonElement? Sentences, JsonElement? Tokens, string? Model);
public sealed record PosResponse(string Model, string Version, IReadOnlyList<PosSentenceResult> Results);
public sealed record PosSentenceResult(IReadOnlyList<TaggedToken> Tokens);

/// <summary>POST /v1/pos: part-of-speech tags (12 universal tags) with a confidence for every token.</summary>
public static class PosApi
{
    public const string DefaultModel = "pos-brown";

    public static RouteGroupBuilder MapPosApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/pos").WithTags("POS tagging").AddEndpointFilter<PredictionMetricsFilter>();
        group.MapPost("", Tag)
            .WithName("TagPartsOfSpeech")
            .WithSummary("Tag every token of English sentences with one of the 12 universal part-of-speech tags.")
            .WithDescription("Body: `sentences` (raw text, cut like the Brown corpus: punctuation split off, contractions and " +
                             "possessives kept whole; tokens carry `start`/`end` character offsets) or `tokens` (pre-tokenized, " +
                             $"taken as is) — not both. Optional `model` (default `{DefaultModel}`) and `?version=`. " +
                             "Tags: NOUN VERB ADJ ADV PRON DET ADP NUM CONJ PRT . X.")
            .WithRequestExample(new { sentences = new[] { "The old man walked his dog.", "She didn't see the nation's flag." } });
        return group;
    }

    private static async Task<Results<Ok<PosResponse>, ValidationProblem, ProblemHttpResult>> Tag(
        PosRequest request, ModelLookup lookup, InferenceScheduler inference, IOptions<ServingOptions> options,
        CancellationToken cancel, string? version = null)
    {
        var serving = options.Value;
        var limits = new PosLimits { MaxSentences = serving.MaxBatch, MaxTokens = serving.MaxSteps, MaxTextLength = serving.MaxTextLength };
        var hasSentences = request.Sentences is { ValueKind: not JsonValueKind.Null };
        var hasTokens = request.Tokens is { ValueKind: not JsonValueKind.Null };
        if (hasSentences == hasTokens)
            return Problems.Invalid(hasSentences ? "tokens" : "sentences",
                hasSentences ? "give either sentences or tokens, not both." : "give sentences (raw text) or tokens (pre-tokenized).");

        var model = request.Model ?? DefaultModel;
        var (found, problem) = lookup.Find<IPosTagger>(model, version, "tag");
        if (problem is not null) return problem;
        var tagger = found!.Model;

        // Every sentence is cut and checked here; a bad one is a 400 before anything is queued.
        PosSentence[] prepared;
        if (hasSentences)
        {
            var (sentences, error) = ParseSentences(request.Sentences!.Value);
            if (error is not null) return Problems.Invalid(error.Value.Field, error.Value.Message);
            limits.CheckCount(sentences!.Count, "sentences");
            prepared = [.. sentences.Select((s, i) => tagger.PrepareSentence(s, $"sentences[{i}]", limits))];
        }
        else
        {
            var (tokens, error) = ParseTokens(request.Tokens!.Value);
            if (error is not null) return Problems.Invalid(error.Value.Field, error.Value.Message);
            limits.CheckCount(tokens!.Count, "tokens");
            prepared = [.. tokens.Select((t, i) => tagger.PrepareTokens(t, $"tokens[{i}]", limits))];
        }
        var tagged = await inference.Submit(found, tagger, prepared, cancel);
        return TypedResults.Ok(new PosResponse(model, found.Version.Version, tagged.Select(t => new PosSentenceResult(t)).ToList()));
    }

    private static (List<string>? Value, (string Field, string Message)? Error) ParseSentences(JsonElement json) =>
        Strings(json, "sentences");

    private static (List<IReadOnlyList<string>>? Value, (string Field, string Message)? Error) ParseTokens(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Array) return (null, ("tokens", "must be an array of arrays of strings."));
        var result = new List<IReadOnlyList<string>>();
        foreach (var sentence in json.EnumerateArray())
        {
            var (tokens, error) = Strings(sentence, $"tokens[{result.Count}]");
            if (error is not null) return (null, error);
            result.Add(tokens!);
        }
        return (result, null);
    }

    /// <summary>A JSON array of strings, or the field that is not one.</summary>
    private static (List<string>? Value, (string Field, string Message)? Error) Strings(JsonElement json, string field)
    {
        if (json.ValueKind != JsonValueKind.Array) return (null, (field, "must be an array of strings."));
        var result = new List<string>();
        foreach (var item in json.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) return (null, ($"{field}[{result.Count}]", "must be a string."));
            string text;
            try { text = item.GetString()!; }
            catch (InvalidOperationException) { return (null, ($"{field}[{result.Count}]", "is not valid UTF-16 text (an unpaired surrogate); send valid Unicode text.")); }
            if (TextChecks.Problem(text) is { } bad) return (null, ($"{field}[{result.Count}]", bad));
            result.Add(text);
        }
        return (result, null);
    }
}
