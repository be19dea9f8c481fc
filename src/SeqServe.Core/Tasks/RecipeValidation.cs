using SeqServe.Core.Training;

namespace SeqServe.Core.Tasks;

/// <summary>The checks a training request gets, in one place for the job API and the train command.</summary>
public static class RecipeValidation
{
    /// <summary>Bounds of every hyper-parameter, then (when the recipe is known and the bounds hold) what the recipe supports.</summary>
    /// <param name="limits">The service's limits on one job's memory and time (none for the train command run by hand).</param>
    public static void Check(IModelRecipe? recipe, JobSpec spec, IDictionary<string, string[]> errors, JobLimits? limits = null)
    {
        SpecBounds.Check(spec.Architecture, errors);
        SpecBounds.Check(spec.Training, errors);
        if (recipe is null || errors.Count > 0) return;
        RecipeFields.CheckRead(recipe, spec, errors);
        if (errors.Count > 0) return;
        if (spec.Training?.CarryState == true && !recipe.CanCarryState)
            SpecBounds.Add(errors, "training.carryState",
                $"dataset '{recipe.Dataset}' trains on independent examples, not on streams whose state could be carried; leave it out or false.");
        if (spec.Training?.CarryState == true && spec.Architecture?.Encoder == "transformer")
            SpecBounds.Add(errors, "training.carryState",
                "a transformer has no recurrent state to carry between windows: leave it out or false with encoder 'transformer'.");
        if (errors.Count == 0) recipe.Validate(spec, errors);
        if (errors.Count == 0) SpecBounds.CheckHeads(recipe.Shape(spec).Encoder, errors);
        if (errors.Count == 0 && limits is not null) JobCost.Check(recipe.Shape(spec), limits, errors);
    }
}
