using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SeqServe.Api.Hosting;
using SeqServe.Api.Inference.Tensors;
using SeqServe.Api.Metrics;
using SeqServe.Api.Models;
using SeqServe.Api.Predict;
using SeqServe.Api.Security;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;
using SeqServe.Core.Text;

namespace SeqServe.Api.Inference;

/// <summary>
/// The Open Inference Protocol (KServe v2) over REST, beside /v1: the same models and registry, the same
/// batcher and request metrics, the predictions' access rule and rate limit. Errors are <c>{"error": "…"}</c>.
/// </summary>
public static class OipApi
{
    public const string ServerName = "seqserve";
    /// <summary>The platform of models SeqServe trained itself (TorchSharp weights built by a recipe).</summary>
    public const string SeqServePlatform = "seqserve_torchsharp";

    public static RouteGroupBuilder MapOipApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v2").WithTags("Open Inference Protocol (v2)")
            .RequireAuthorization(Policies.Predict).RequireRateLimiting(RateLimits.PredictPolicy);

        group.MapGet("", Server).AddEndpointFilter<OipErrorFilter>().WithName("OipServerMetadata")
            .WithSummary("Server metadata: name, version, extensions.");
        group.MapGet("/health/live", () => TypedResults.Ok(new OipServerHealth(Live: true)))
            .AllowAnonymous().DisableRateLimiting().WithName("OipServerLive").WithSummary("200 {\"live\": true} while the process answers.");
        group.MapGet("/health/ready", ServerReady).AllowAnonymous().DisableRateLimiting().WithName("OipServerReady")
            .WithSummary("200 when the job store answers and every promoted model is loaded; 503 otherwise.");

        foreach (var (prefix, suffix) in new[] { ("/models/{model}", ""), ("/models/{model}/versions/{version}", "Version") })
        {
            group.MapGet(prefix, Metadata).AddEndpointFilter<OipErrorFilter>().WithName("OipModelMetadata" + suffix).ProducesOipErrors()
                .WithSummary("The model's platform, versions, and input and output tensors (name, datatype, shape; -1: any size).");
            group.MapGet(prefix + "/ready", Ready).AddEndpointFilter<OipErrorFilter>().WithName("OipModelReady" + suffix).Produces<OipModelReady>(StatusCodes.Status200OK).ProducesOipErrors()
                .WithSummary("Whether the model (or this version) is loaded and answering: 200 ready, 503 not ready.");
            group.MapPost(prefix + "/infer", Infer).AddEndpointFilter<PredictionMetricsFilter>().AddEndpointFilter<OipErrorFilter>()
                .WithName("OipInfer" + suffix).ProducesOipErrors()
                .WithSummary("Run the model on input tensors; see GET /v2/models/{model} for what it takes.")
                .WithDescription("Body: `{\"id\"?, \"parameters\"?, \"inputs\": [{\"name\", \"shape\", \"datatype\", \"data\"}], \"outputs\"?: [{\"name\"}]}`. " +
                                 "Text models take BYTES, numeric models FP32 (see the README's conventions table). Errors: `{\"error\": \"…\"}` with 4xx.");
        }
        return group;
    }

    /// <summary>The protocol's error object, documented for the statuses a model route answers with it.</summary>
    private static RouteHandlerBuilder ProducesOipErrors(this RouteHandlerBuilder route) =>
        route.Produces<OipError>(StatusCodes.Status400BadRequest).Produces<OipError>(StatusCodes.Status404NotFound)
            .Produces<OipError>(StatusCodes.Status503ServiceUnavailable);

    private static OipServerMetadata ServerInfo() => new(ServerName,
        typeof(OipApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0",
        []);

    private static Ok<OipServerMetadata> Server() => TypedResults.Ok(ServerInfo());

    private static async Task<JsonHttpResult<OipServerHealth>> ServerReady(HealthCheckService health, CancellationToken cancel)
    {
        var report = await health.CheckHealthAsync(c => c.Tags.Contains("ready"), cancel);
        var ready = report.Status == HealthStatus.Healthy;
        return TypedResults.Json(new OipServerHealth(Live: true, Ready: ready),
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<Results<Ok<OipModelMetadata>, JsonHttpResult<OipError>>> Metadata(string model, ModelLookup lookup, ModelRegistry registry,
        string? version = null)
    {
        var (found, tensors, error) = await Resolve(model, version, lookup);
        if (error is not null) return error;
        var versions = registry.Find(model)!.Versions.Values.Where(v => v.State == VersionState.Ready)
            .Select(v => v.Version).Order(StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new OipModelMetadata(model, versions, found!.Version.Manifest?.Platform ?? SeqServePlatform,
            [.. tensors!.Inputs.Select(t => new OipTensorMetadata(t.Name, t.Datatype, t.Shape))],
            [.. tensors.Outputs.Select(t => new OipTensorMetadata(t.Name, t.Datatype, t.Shape))]));
    }

    private static JsonHttpResult<object> Ready(string model, ModelRegistry registry, string? version = null)
    {
        if (!CheckpointStore.IsValidName(model) || (version is not null && !CheckpointStore.IsValidName(version)))
            return Json(StatusCodes.Status400BadRequest, new OipError($"{TextChecks.Quote(version ?? model)} is not a model or version name (^[a-z0-9][a-z0-9-]{{0,63}}$)."));
        var slot = registry.Find(model);
        if (slot is null) return Json(StatusCodes.Status404NotFound, new OipError($"There is no model '{model}'."));
        var chosen = version is null ? slot.Served : slot.Versions.GetValueOrDefault(version);
        if (version is not null && chosen is null) return Json(StatusCodes.Status404NotFound, new OipError($"Model '{model}' has no version '{version}'."));
        var ready = chosen is { State: VersionState.Ready };
        return Json(ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, new OipModelReady(model, ready));
    }

    private static async Task<Results<Ok<OipInferenceResponse>, JsonHttpResult<OipError>>> Infer(string model, HttpRequest request,
        ModelLookup lookup, InferenceScheduler scheduler, IOptions<ServingOptions> limits, CancellationToken cancel, string? version = null)
    {
        var (found, tensors, error) = await Resolve(model, version, lookup);
        if (error is not null) return error;
        var body = await OipRequest.ReadAsync(request, cancel);
        var inputs = TensorReader.Bind(body, tensors!.Inputs);
        foreach (var name in body.Outputs ?? [])
            if (!tensors.Outputs.Any(o => o.Name == name))
                throw new OipException($"unknown output {TextChecks.Quote(name)}; this model answers: {string.Join(", ", tensors.Outputs.Select(o => o.Name))}.");
        var served = found!.Version;
        var outputs = await tensors.InferAsync(inputs, new TensorCall(scheduler, served.Model, served.Version, limits.Value, cancel));
        return TypedResults.Ok(new OipInferenceResponse(served.Model, served.Version, body.Id,
            [.. outputs.Where(o => body.Outputs is null || body.Outputs.Contains(o.Name)).Select(o => new OipOutput(o.Name, o.Shape, o.Datatype, o.Data))]));
    }

    /// <summary>The served version (or the one asked for) and its tensor form, or the protocol's error object.</summary>
    private static async Task<(ModelLookup.Found<IServedModel>? Found, ITensorModel? Tensors, JsonHttpResult<OipError>? Error)> Resolve(
        string model, string? version, ModelLookup lookup)
    {
        var (found, problem) = await lookup.Find<IServedModel>(model, version, "infer");
        if (problem is not null) return (null, null, OipErrors.From(problem));
        var tensors = TensorModels.For(found!.Model);
        return tensors is null
            ? (null, null, OipErrors.Error(StatusCodes.Status400BadRequest,
                $"model '{model}' ({found.Model.Kind}) has no tensor form on /v2; it answers {string.Join(", ", found.Model.Operations)} on /v1."))
            : (found, tensors, null);
    }

    private static JsonHttpResult<object> Json(int status, object body) => TypedResults.Json(body, statusCode: status);
}
