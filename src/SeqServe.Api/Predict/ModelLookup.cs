using Microsoft.AspNetCore.Http.HttpResults;
using SeqServe.Api.Errors;
using SeqServe.Api.Metrics;
using SeqServe.Api.Models;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Serving;
using SeqServe.Core.Text;

namespace SeqServe.Api.Predict;

/// <summary>
/// Finds the model version a prediction should use — the served version, or the one named with
/// <c>?version=</c> — and checks it supports the operation. Failures are problems ready to return:
/// 400 bad name or unsupported operation (listing the supported ones), 404 unknown model or version,
/// 503 while nothing is loaded yet. The chosen model and version are left on the request for its metrics.
/// </summary>
public sealed class ModelLookup(ModelRegistry registry, IHttpContextAccessor http)
{
    public sealed record Found<TOp>(LoadedVersion Version, TOp Model);

    public (Found<TOp>? Found, ProblemHttpResult? Problem) Find<TOp>(string model, string? version, string operation)
        where TOp : class, IServedModel
    {
        if (!CheckpointStore.IsValidName(model))
            return (null, BadField("model", $"{TextChecks.Quote(model)} is not a model name (^[a-z0-9][a-z0-9-]{{0,63}}$)."));
        if (version is not null && !CheckpointStore.IsValidName(version))
            return (null, BadField("version", $"{TextChecks.Quote(version)} is not a version name (^[a-z0-9][a-z0-9-]{{0,63}}$)."));
        var slot = registry.Find(model);
        if (slot is null) return (null, Problems.NotFound($"There is no model '{model}'. GET /v1/models lists them."));

        LoadedVersion? chosen;
        if (version is null)
        {
            chosen = slot.Serving;
            if (chosen is null)
                return (null, Problems.Unavailable($"Model '{model}' has no loaded version yet (see GET /v1/models/{model})."));
        }
        else
        {
            chosen = slot.Versions.GetValueOrDefault(version);
            if (chosen is null) return (null, Problems.NotFound($"Model '{model}' has no version '{version}'."));
            if (chosen.State != VersionState.Ready)
                return (null, Problems.Unavailable($"Version '{version}' of '{model}' is {chosen.State}{(chosen.Error is null ? "" : ": " + chosen.Error)}."));
        }

        if (chosen.Served is not TOp op)
        {
            var supported = chosen.Served?.Operations ?? [];
            return (null, BadField("operation",
                $"model '{model}' ({chosen.Served?.Kind}) does not support '{operation}'; it supports: {string.Join(", ", supported)}."));
        }
        if (http.HttpContext is { } context) context.Items[PredictionMetricsFilter.ServedByKey] = (chosen.Model, chosen.Version);
        return (new Found<TOp>(chosen, op), null);
    }

    private static ProblemHttpResult BadField(string field, string message) =>
        TypedResults.Problem($"{field}: {message}", statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
