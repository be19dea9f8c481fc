namespace SeqServe.Core.Tasks;

/// <summary>The recipes this build knows, by dataset name.</summary>
public sealed class RecipeCatalog(IEnumerable<IModelRecipe> recipes)
{
    private readonly Dictionary<string, IModelRecipe> byDataset =
        recipes.ToDictionary(r => r.Dataset, StringComparer.Ordinal);

    public IReadOnlyCollection<IModelRecipe> All => byDataset.Values;

    public IModelRecipe? Find(string? dataset) =>
        dataset is not null && byDataset.TryGetValue(dataset, out var recipe) ? recipe : null;
}
