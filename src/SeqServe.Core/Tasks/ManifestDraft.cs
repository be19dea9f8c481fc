using System.Text.Json.Nodes;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Training;

namespace SeqServe.Core.Tasks;

public static class ManifestDraft
{
    /// <summary>
    /// The parts of a manifest every recipe fills the same way (identity, architecture, training config,
    /// dataset, history); a recipe adds its preprocessing, metrics and baseline with <c>with { … }</c>.
    /// </summary>
    public static CheckpointManifest Draft(this IModelRecipe recipe, RecipeContext context, JsonObject architecture,
        TrainingConfig training, TrainingOutcome outcome, DatasetRef dataset) => new()
    {
        Name = context.ModelName,
        Task = recipe.Task,
        Kind = recipe.Kind,
        Recipe = recipe.Dataset,
        Architecture = architecture,
        Training = training,
        Dataset = dataset,
        History = outcome.History,
        StopReason = outcome.StopReason,
        TrainingSeconds = outcome.Seconds,
        JobId = context.JobId,
    };
}
