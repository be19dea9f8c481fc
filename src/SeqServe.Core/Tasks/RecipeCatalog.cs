using SeqServe.Core.Checkpoints;
using SeqServe.Core.Serving;
using SeqServe.Core.Serving.TorchScript;

namespace SeqServe.Core.Tasks;

/// <summary>The registered tasks and their recipes, by task name and by dataset name.</summary>
public sealed class RecipeCatalog
{
    private readonly Dictionary<string, IModelRecipe> byDataset = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskRegistration> byTask = new(StringComparer.Ordinal);

    public RecipeCatalog(IEnumerable<TaskRegistration> tasks)
    {
        foreach (var task in tasks)
        {
            if (!byTask.TryAdd(task.Name, task)) throw new ArgumentException($"task '{task.Name}' is registered twice");
            foreach (var recipe in task.Recipes)
                if (!byDataset.TryAdd(recipe.Dataset, recipe))
                    throw new ArgumentException($"dataset '{recipe.Dataset}' has two recipes ({byDataset[recipe.Dataset].GetType().Name}, {recipe.GetType().Name})");
        }
    }

    /// <summary>The tasks this build ships.</summary>
    public static RecipeCatalog BuiltIn { get; } = new(BuiltInTasks.All);

    public IReadOnlyCollection<TaskRegistration> Tasks => byTask.Values;

    public IReadOnlyCollection<IModelRecipe> All => byDataset.Values;

    public IModelRecipe? Find(string? dataset) =>
        dataset is not null && byDataset.TryGetValue(dataset, out var recipe) ? recipe : null;

    public TaskRegistration? FindTask(string? name) =>
        name is not null && byTask.TryGetValue(name, out var task) ? task : null;

    /// <summary>Verifies a stored version (SHA-256) and builds it with the recipe that made it; throws <see cref="CheckpointException"/> when it cannot.</summary>
    public (CheckpointManifest Manifest, IServedModel Served) Load(CheckpointStore store, string model, string version)
    {
        var manifest = store.ReadVerified(model, version);
        if (manifest.Platform == CheckpointManifest.TorchScriptPlatform) return (manifest, TorchScriptModel.Load(manifest, store.VersionDir(model, version)));
        var recipe = Find(manifest.Recipe) ?? throw new CheckpointException($"no recipe '{manifest.Recipe}' in this build can load it");
        return (manifest, recipe.Load(manifest, store.VersionDir(model, version)));
    }
}
