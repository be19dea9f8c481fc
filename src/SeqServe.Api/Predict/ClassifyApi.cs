using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SeqServe.Api.Batching;
using SeqServe.Api.Errors;
using SeqServe.Api.Metrics;
using SeqServe.Api.OpenApi;
using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Api.Predict;

/// <summary>/v1/sequence/{model}/classify: a whole sequence (an image read row by row) → label and probabilities.</summary>
public static class ClassifyApi
{
    public const string Png = "image/png";

    public static RouteGroupBuilder MapClassifyApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/sequence/{model}").WithTags("Sequence").AddEndpointFilter<PredictionMetricsFilter>();
        group.MapPost("/classify", Classify)
            .WithName("ClassifySequence")
            .WithSummary("Classify an image read row by row (MNIST digits): JSON rows or a PNG upload.")
            .WithDescription("Either `application/json` `{ \"rows\": [[…28 numbers in [0, 1]…] × 28] }` (ink light on dark, as MNIST), " +
                             "or an `image/png` body of any size: it is turned grey (transparency shown on white), area-averaged " +
                             "to 28×28 and inverted when its background is light. Answers the label and every class's probability. " +
                             "Optional `?version=`.")
            .Accepts<ClassifyRequest>("application/json", Png)
            .WithRequestExample(new { rows = SevenExample })
            .WithRouteExample("model", "mnist-rows")
            .Produces<ClassifyResponse>()
            .ProducesProblems([.. ResponseDocs.Prediction, StatusCodes.Status415UnsupportedMediaType]);
        return group;
    }

    private static async Task<Results<Ok<ClassifyResponse>, ValidationProblem, ProblemHttpResult>> Classify(
        string model, HttpRequest request, ModelLookup lookup, InferenceScheduler inference, IOptions<JsonOptions> json,
        string? version = null)
    {
        var (found, problem) = await lookup.Find<ISequenceClassifier>(model, version, "classify", request.HttpContext.RequestAborted);
        if (problem is not null) return problem;
        var classifier = found!.Model;
        float[][] rows;
        if (request.ContentType?.StartsWith(Png, StringComparison.OrdinalIgnoreCase) == true)
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
            if (body.Length == 0) return Problems.Invalid("image", "the PNG body is empty.");
            rows = classifier.ReadImage(body.ToArray());
        }
        else if (request.HasJsonContentType())
        {
            var parsed = await JsonSerializer.DeserializeAsync<ClassifyRequest>(request.Body, json.Value.SerializerOptions,
                request.HttpContext.RequestAborted);
            if (parsed?.Rows is not { } given) return Problems.Invalid("rows", $"is required: {classifier.Steps} rows of {classifier.Features} numbers in [0, 1].");
            rows = given;
        }
        else
        {
            return Problems.UnsupportedMediaType($"send rows as JSON (Content-Type: application/json) or a picture as {Png} " +
                $"(got {(string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"'{request.ContentType}'")}).");
        }

        classifier.Validate(rows);
        var result = (await inference.Submit(found, classifier, [rows], request.HttpContext.RequestAborted))[0];
        var probabilities = classifier.Labels.Zip(result.Probabilities).ToDictionary(p => p.First, p => p.Second);
        return TypedResults.Ok(new ClassifyResponse(model, found.Version.Version, result.Label, probabilities));
    }

    /// <summary>A 7 drawn in the MNIST style (light ink on dark), for the Swagger example.</summary>
    private static float[][] SevenExample => [.. SevenRows.Select(r => r.Select(c => c == '#' ? 1f : c == '+' ? 0.5f : 0f).ToArray())];

    private static readonly string[] SevenRows =
    [
        "............................", "............................", "............................",
        "............................", "............................", "............................",
        "............................", "......+######+..............", "......##############++......",
        "......+++++++++++#######....", "................+++..###+...", ".....................###....",
        "....................+##+....", "....................##+.....", "...................+##......",
        "...................##+......", "..................+##.......", ".................+##+.......",
        ".................##+........", "................###.........", "...............+##+.........",
        "...............##+..........", "..............+##+..........", "..............###...........",
        ".............+##+...........", ".............+#+............", "............................",
        "............................",
    ];
}
