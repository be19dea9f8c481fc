using System.Text.Json.Nodes;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Training;

namespace SeqServe.Core.Tasks;

/// <summary>The manifest fields every recipe fills the same way; a recipe adds preprocessing, metrics and baseline with <c>with</c>.</summary>
public static class ManifestDraft
{
    public static CheckpointManifest Create(IModelRecipe recipe, RecipeContext context, JsonObject architecture,
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
        CreatedAt = DateTimeOffset.UtcNow,
        JobId = context.JobId,
    };
}
