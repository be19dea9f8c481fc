using SeqServe.Core.Checkpoints;
using SeqServe.Core.Tasks;
using SeqServe.Core.Training;
using SeqServe.Core.Text;

namespace SeqServe.Api.Jobs;

/// <summary>Checks a training request before it is accepted: names, dataset, task, every hyper-parameter's bounds, and its cost.</summary>
public static class JobValidation
{
    public static (IModelRecipe? Recipe, string Model, Dictionary<string, string[]> Errors) Check(JobSpec? spec, RecipeCatalog recipes,
        JobLimits limits)
    {
        var errors = new Dictionary<string, string[]>();
        if (spec is null)
        {
            errors["body"] = ["a JSON training request is required."];
            return (null, "", errors);
        }
        IModelRecipe? recipe = null;
        if (string.IsNullOrEmpty(spec.Dataset))
            SpecBounds.Add(errors, "dataset", $"is required; one of {string.Join(", ", recipes.All.Select(r => r.Dataset))}.");
        else if ((recipe = recipes.Find(spec.Dataset)) is null)
            SpecBounds.Add(errors, "dataset", $"{TextChecks.Quote(spec.Dataset)} is not a dataset; GET /v1/datasets lists them.");

        if (spec.Task is not null && recipes.FindTask(spec.Task) is null)
            SpecBounds.Add(errors, "task", $"must be {string.Join(", ", recipes.Tasks.Select(t => $"'{t.Name}'"))} (got {TextChecks.Quote(spec.Task)}).");
        else if (recipe is not null && spec.Task is not null && spec.Task != recipe.Task)
            SpecBounds.Add(errors, "task", $"dataset '{recipe.Dataset}' trains a '{recipe.Task}' model, not {TextChecks.Quote(spec.Task)}.");

        var model = spec.Model ?? recipe?.DefaultModel ?? "";
        if (spec.Model is not null && !CheckpointStore.IsValidName(spec.Model))
            SpecBounds.Add(errors, "model", $"{TextChecks.Quote(spec.Model)} is not a model name: lower-case letters, digits and '-', 1–64 characters, starting with a letter or digit.");

        RecipeValidation.Check(recipe, spec, errors, limits);
        return (recipe, model, errors);
    }
}
