using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SeqServe.Api.Batching;
using SeqServe.Api.Errors;
using SeqServe.Api.Metrics;
using SeqServe.Api.Hosting;
using SeqServe.Api.OpenApi;
using SeqServe.Core.Sequence.CharGeneration;
using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Api.Predict;

/// <summary>/v1/sequence/{model}/generate: continue a prompt character by character.</summary>
public static class GenerateApi
{
    public const int DefaultLength = 200;
    public const double DefaultTemperature = 0.8;

    public static RouteGroupBuilder MapGenerateApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/sequence/{model}").WithTags("Sequence").AddEndpointFilter<PredictionMetricsFilter>();
        group.MapPost("/generate", Generate)
            .WithName("GenerateSequence")
            .WithSummary("Continue a text prompt character by character (Moby Dick character model).")
            .WithDescription($"`prompt` (required; may be empty) of at most {CharGenerator.MaxPromptLength} characters; " +
                             $"`length` 1–{CharGenerator.MaxLength} characters (default {DefaultLength}); " +
                             $"`temperature` {CharGenerator.MinTemperature}–{CharGenerator.MaxTemperature} (default {DefaultTemperature}): " +
                             "lower is more conservative. The same `seed` with the same prompt, length and temperature gives the same text. " +
                             "The prompt may use only characters the model knows. Optional `?version=`.")
            .WithRequestExample(new { prompt = "Call me Ishmael. ", length = 200, temperature = 0.8, seed = 1 })
            .WithRouteExample("model", "moby-dick-chars")
            .ProducesProblems(ResponseDocs.Prediction);
        return group;
    }

    private static async Task<Results<Ok<GenerateResponse>, ValidationProblem, ProblemHttpResult>> Generate(
        string model, GenerateRequest request, ModelLookup lookup, InferenceScheduler inference, IOptions<ServingOptions> limits,
        CancellationToken cancel, string? version = null)
    {
        var (found, problem) = await lookup.Find<ISequenceGenerator>(model, version, "generate", cancel);
        if (problem is not null) return problem;
        var prompt = request.Prompt!; // required (GenerateRequest's attributes, with the generator's bounds, are checked before the handler)
        if (prompt.Length > limits.Value.MaxTextLength)
            return Problems.Invalid("prompt", $"has {prompt.Length} characters; the limit is {limits.Value.MaxTextLength} (Serving:MaxTextLength).");
        // Generation is sequential by nature: unbatched, on an inference thread.
        var generator = found!.Model;
        var text = await inference.RunAlone(found, () => generator.Generate(prompt, request.Length ?? DefaultLength,
            request.Temperature ?? DefaultTemperature, request.Seed), cancel);
        return TypedResults.Ok(new GenerateResponse(model, found.Version.Version, prompt, text, request.Seed));
    }
}
