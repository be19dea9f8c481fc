using SeqServe.Core.Checkpoints;
using SeqServe.Core.Serving;
using SeqServe.Core.Serving.TorchScript;

namespace SeqServe.Core.Tasks;

/// <summary>The recipes this build knows, by dataset name.</summary>
public sealed class RecipeCatalog(IEnumerable<IModelRecipe> recipes)
{
    private readonly Dictionary<string, IModelRecipe> byDataset =
        recipes.ToDictionary(r => r.Dataset, StringComparer.Ordinal);

    public IReadOnlyCollection<IModelRecipe> All => byDataset.Values;

    public IModelRecipe? Find(string? dataset) =>
        dataset is not null && byDataset.TryGetValue(dataset, out var recipe) ? recipe : null;

    /// <summary>Verifies a stored version (SHA-256) and builds it with the recipe that made it; throws <see cref="CheckpointException"/> when it cannot.</summary>
    public (CheckpointManifest Manifest, IServedModel Served) Load(CheckpointStore store, string model, string version)
    {
        var manifest = store.ReadVerified(model, version);
        if (manifest.Platform == CheckpointManifest.TorchScriptPlatform) return (manifest, TorchScriptModel.Load(manifest, store.VersionDir(model, version)));
        var recipe = Find(manifest.Recipe) ?? throw new CheckpointException($"no recipe '{manifest.Recipe}' in this build can load it");
        return (manifest, recipe.Load(manifest, store.VersionDir(model, version)));
    }
}
