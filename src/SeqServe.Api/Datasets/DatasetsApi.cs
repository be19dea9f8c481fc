using SeqServe.Core.Data;
using SeqServe.Core.Tasks;

namespace SeqServe.Api.Datasets;

/// <summary>A dataset: where it comes from, its licence, whether its package is cached here and whether a recipe trains on it.</summary>
public sealed record DatasetResource(string Name, string Task, string Description, string Source, string License,
    bool Present, int? Examples, bool Trainable, string? Package);

/// <summary>GET /v1/datasets.</summary>
public static class DatasetsApi
{
    public static RouteGroupBuilder MapDatasetsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/datasets").WithTags("Datasets");
        group.MapGet("/", (PackageCache packages, RecipeCatalog recipes) => TypedResults.Ok(DatasetCatalog.All.Select(d =>
                new DatasetResource(d.Name, d.Task, d.Description, d.Source, d.License,
                    d.Package is null || packages.IsPresent(d.Package), d.Examples, recipes.Find(d.Name) is not null, d.Package?.Spec))
            .ToList()))
            .WithName("ListDatasets")
            .WithSummary("The datasets SeqServe trains on, with source, licence and whether each is present locally (fetched on first use).");
        return group;
    }
}
