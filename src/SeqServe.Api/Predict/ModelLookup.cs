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
/// <c>?version=</c> (loaded first when it is not resident) — and checks it supports the operation.
/// Failures are problems ready to return: 400 bad name or unsupported operation (listing the supported
/// ones), 404 unknown model or version, 503 while nothing is loaded yet. The version found is leased
/// until the response is complete, so it is never disposed under the request. The chosen model and
/// version are left on the request for its metrics.
/// </summary>
public sealed class ModelLookup(ModelRegistry registry, IHttpContextAccessor http)
{
    /// <summary>A version found for a request: <paramref name="Lease"/> keeps it loaded until the response is complete.</summary>
    public sealed record Found<TOp>(LoadedVersion Version, TOp Model, ModelLease Lease);

    public async Task<(Found<TOp>? Found, ProblemHttpResult? Problem)> Find<TOp>(string model, string? version, string operation,
        CancellationToken cancel = default)
        where TOp : class, IServedModel
    {
        if (!CheckpointStore.IsValidName(model))
            return (null, Problems.BadField("model", $"{TextChecks.Quote(model)} is not a model name (^[a-z0-9][a-z0-9-]{{0,63}}$)."));
        if (version is not null && !CheckpointStore.IsValidName(version))
            return (null, Problems.BadField("version", $"{TextChecks.Quote(version)} is not a version name (^[a-z0-9][a-z0-9-]{{0,63}}$)."));
        var slot = registry.Find(model);
        if (slot is null) return (null, Problems.NotFound($"There is no model '{model}'. GET /v1/models lists them."));

        var (chosen, lease) = await registry.AcquireAsync(slot, version, cancel);
        if (lease is null)
        {
            if (chosen is null && version is null && ModelRegistry.OnlyHeld(slot))
                return (null, Problems.NotFound($"Model '{model}' has no promoted version: its versions were made with promote: false. " +
                    $"Promote one with POST /v1/models/{model}/versions/{{version}}/promote (GET /v1/models/{model} lists them)."));
            if (chosen is null)
                return (null, version is null
                    ? Problems.Unavailable($"Model '{model}' has no loaded version yet (see GET /v1/models/{model}).")
                    : Problems.NotFound($"Model '{model}' has no version '{version}'."));
            return (null, Problems.Unavailable($"Version '{chosen.Version}' of '{model}' is {chosen.State}{(chosen.Error is null ? "" : ": " + chosen.Error)}."));
        }

        if (chosen!.Served is not TOp op)
        {
            lease.Dispose();
            var supported = chosen.Served?.Operations ?? [];
            return (null, Problems.BadField("operation",
                $"model '{model}' ({chosen.Served?.Kind}) does not support '{operation}'; it supports: {string.Join(", ", supported)}."));
        }
        if (http.HttpContext is { } context)
        {
            context.Response.RegisterForDispose(lease);
            context.Items[PredictionMetricsFilter.ServedByKey] = (chosen.Model, chosen.Version);
        }
        return (new Found<TOp>(chosen, op, lease), null);
    }
}
