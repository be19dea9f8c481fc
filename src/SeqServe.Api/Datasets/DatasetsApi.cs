using SeqServe.Core.Data;
using SeqServe.Core.Tasks;

namespace SeqServe.Api.Datasets;

/// <summary>A dataset: its task, where it comes from, its licence and whether its package is cached here.</summary>
public sealed record DatasetResource(string Name, string Task, string Description, string Source, string License,
    bool Present, int? Examples, bool Trainable, string? Package);

/// <summary>GET /v1/datasets: the datasets of every registered task.</summary>
public static class DatasetsApi
{
    public static RouteGroupBuilder MapDatasetsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/datasets").WithTags("Datasets");
        group.MapGet("/", (PackageCache packages, RecipeCatalog recipes) => TypedResults.Ok(recipes.Tasks
                .SelectMany(task => task.Recipes, (task, recipe) => (Task: task.Name, recipe.Data))
                .Select(d => new DatasetResource(d.Data.Name, d.Task, d.Data.Description, d.Data.Source, d.Data.License,
                    d.Data.Package is null || packages.IsPresent(d.Data.Package), d.Data.Examples, Trainable: true, d.Data.Package?.Spec))
                .ToList()))
            .WithName("ListDatasets")
            .WithSummary("The datasets SeqServe trains on, with task, source, licence and whether each is present locally (fetched on first use).");
        group.MapDatasetDefaults();
        return group;
    }
}
