using Microsoft.AspNetCore.Http.HttpResults;
using SeqServe.Api.Errors;
using SeqServe.Api.OpenApi;
using SeqServe.Api.Security;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Text;

namespace SeqServe.Api.Models;

/// <summary>/v1/models: list, inspect, promote (and so roll back) and delete model versions.</summary>
public static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/models").WithTags("Models");

        group.MapGet("/", (ModelRegistry registry) => TypedResults.Ok(registry.Models.Select(ModelContracts.Summarize).ToList()))
            .WithName("ListModels")
            .WithSummary("Every model with its versions, their state (Ready | Unloaded | Failed), the served version and the promoted one.");

        group.MapGet("/{name}", Get)
            .WithName("GetModel")
            .WithSummary("One model, with the manifest of its served version: architecture, training config, dataset, split, metrics.")
            .WithRouteExample("name", "co2-forecast")
            .ProducesProblems(400, 404);

        group.MapPost("/{name}/versions/{version}/promote", Promote)
            .RequireAuthorization(Policies.Admin)
            .WithName("PromoteVersion")
            .WithSummary("Serve this version (promoting an older version is a rollback; an unloaded one is loaded first).")
            .WithRouteExample("name", "co2-forecast")
            .ProducesProblems(400, 403, 404, 409);

        group.MapDelete("/{name}/versions/{version}", Delete)
            .RequireAuthorization(Policies.Admin)
            .WithName("DeleteVersion")
            .WithSummary("Delete a version that is not the promoted one (409 for the promoted one).")
            .WithRouteExample("name", "co2-forecast")
            .ProducesProblems(400, 403, 404, 409);

        return group;
    }

    private static Results<Ok<ModelDetail>, ProblemHttpResult, ValidationProblem> Get(string name, ModelRegistry registry)
    {
        if (!CheckpointStore.IsValidName(name)) return Problems.Invalid("name", $"{TextChecks.Quote(name)} is not a model name (^[a-z0-9][a-z0-9-]{{0,63}}$).");
        var slot = registry.Find(name);
        if (slot is null) return Problems.NotFound($"There is no model {TextChecks.Quote(name)}.");
        return TypedResults.Ok(new ModelDetail(ModelContracts.Summarize(slot), slot.Served?.Manifest));
    }

    private static Results<Ok<ModelSummary>, ProblemHttpResult, ValidationProblem> Promote(string name, string version, ModelRegistry registry)
    {
        if (Invalid(name, version) is { } invalid) return invalid;
        try
        {
            registry.Promote(name, version);
            return TypedResults.Ok(ModelContracts.Summarize(registry.Find(name)!));
        }
        catch (KeyNotFoundException e) { return Problems.NotFound(e.Message); }
        catch (InvalidOperationException e) { return Problems.Conflict(e.Message); }
    }

    private static Results<NoContent, ProblemHttpResult, ValidationProblem> Delete(string name, string version, ModelRegistry registry)
    {
        if (Invalid(name, version) is { } invalid) return invalid;
        try
        {
            registry.Delete(name, version);
            return TypedResults.NoContent();
        }
        catch (KeyNotFoundException e) { return Problems.NotFound(e.Message); }
        catch (InvalidOperationException e) { return Problems.Conflict(e.Message); }
    }

    private static ValidationProblem? Invalid(string name, string version) =>
        !CheckpointStore.IsValidName(name) ? Problems.Invalid("name", $"{TextChecks.Quote(name)} is not a model name (^[a-z0-9][a-z0-9-]{{0,63}}$).")
        : !CheckpointStore.IsValidName(version) ? Problems.Invalid("version", $"{TextChecks.Quote(version)} is not a version name (^[a-z0-9][a-z0-9-]{{0,63}}$).")
        : null;
}
