using Microsoft.AspNetCore.Http.HttpResults;
using SeqServe.Api.Errors;
using SeqServe.Api.OpenApi;
using SeqServe.Core.Tasks;
using SeqServe.Core.Text;
using SeqServe.Core.Training;

namespace SeqServe.Api.Datasets;

/// <summary>What a job on a dataset gets when it leaves fields out: its task, default model name and training settings.</summary>
public sealed record DatasetDefaults(string Dataset, string Task, string DefaultModel, TrainingConfig Training, IReadOnlyList<string> Fields);

/// <summary>GET /v1/datasets/{name}/defaults (read-only): the recipe's defaults, e.g. to fill a job form.</summary>
public static class DatasetDefaultsApi
{
    public static RouteHandlerBuilder MapDatasetDefaults(this RouteGroupBuilder datasets) =>
        datasets.MapGet("/{name}/defaults", Get)
            .WithName("DatasetDefaults")
            .WithSummary("The defaults a job on this dataset gets for what it leaves out: task, model name, training settings, and the request fields its recipe reads.")
            .WithRouteExample("name", "co2")
            .ProducesProblems(404);

    private static Results<Ok<DatasetDefaults>, ProblemHttpResult> Get(string name, RecipeCatalog recipes) =>
        recipes.Find(name) is { } recipe
            ? TypedResults.Ok(new DatasetDefaults(recipe.Dataset, recipe.Task, recipe.DefaultModel, recipe.DefaultTraining,
                recipe.Reads.Order(StringComparer.Ordinal).ToList()))
            : Problems.NotFound($"There is no dataset {TextChecks.Quote(name)}; GET /v1/datasets lists them.");
}
