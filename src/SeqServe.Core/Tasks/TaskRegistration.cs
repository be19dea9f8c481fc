namespace SeqServe.Core.Tasks;

/// <summary>
/// One task, declared once in its own folder: its name and its recipes. Each recipe declares the
/// dataset it trains on (name, pinned package, licence), its defaults and bounds, the kind of model it
/// serves and how to load it. The recipe catalogue, <c>GET /v1/datasets</c>, job validation and the
/// API all read the registrations; a task's routes are its own (an <c>ITaskEndpoints</c> in the API).
/// </summary>
public sealed record TaskRegistration
{
    public string Name { get; }
    public IReadOnlyList<IModelRecipe> Recipes { get; }

    public TaskRegistration(string name, IReadOnlyList<IModelRecipe> recipes)
    {
        if (!Checkpoints.CheckpointStore.IsValidName(name)) throw new ArgumentException($"task name '{name}' is not a valid name", nameof(name));
        if (recipes.Count == 0) throw new ArgumentException($"task '{name}' has no recipe", nameof(recipes));
        foreach (var recipe in recipes.Where(r => r.Task != name))
            throw new ArgumentException($"recipe {recipe.GetType().Name} says its task is '{recipe.Task}', but it is registered with task '{name}'");
        Name = name;
        Recipes = recipes;
    }
}
