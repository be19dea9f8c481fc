namespace SeqServe.Core.Data;

/// <summary>
/// A dataset SeqServe trains on: where it comes from, its licence and citation, and the pinned package
/// that carries it (none for synthetic data). Its recipe declares it (<c>IModelRecipe.Data</c>).
/// </summary>
public sealed record DatasetInfo(
    string Name,
    string Description,
    string Source,
    string License,
    NpmPackage? Package,
    int? Examples);
