using Microsoft.Extensions.Logging;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Tasks;
using SeqServe.Core.Training;

namespace SeqServe.Jobs;

/// <summary>
/// Trains one model with its recipe and commits the checkpoint atomically (promoting it when asked).
/// Shared by the job worker and the <c>train</c> command. A failed or cancelled run leaves nothing
/// but a removed temp folder behind.
/// </summary>
public sealed class TrainingRunner(RecipeCatalog recipes, CheckpointStore store, PackageCache packages, ILogger<TrainingRunner> logger)
{
    public CheckpointManifest Run(JobSpec spec, ITrainingListener listener, CancellationToken cancel, string? jobId = null)
    {
        var recipe = recipes.Find(spec.Dataset)
                     ?? throw new InvalidOperationException($"no recipe trains dataset '{spec.Dataset}'");
        var model = spec.Model ?? recipe.DefaultModel;
        var temp = store.BeginWrite(model);
        try
        {
            logger.LogInformation("Training {Model} on {Dataset} with recipe {Recipe}", model, recipe.Dataset, recipe.GetType().Name);
            var draft = recipe.Train(new RecipeContext(spec, model, temp, packages, listener, logger, cancel, jobId));
            cancel.ThrowIfCancellationRequested();
            var manifest = store.Commit(temp, draft);
            logger.LogInformation("Wrote checkpoint {Model}/{Version} with metrics {@Metrics}", model, manifest.Version, manifest.Metrics);
            if (spec.Promote)
            {
                store.WritePromoted(model, manifest.Version);
                logger.LogInformation("Marked {Model}/{Version} for promotion; it is served once loaded and warmed up", model, manifest.Version);
            }
            return manifest;
        }
        finally
        {
            CheckpointStore.Abandon(temp);
        }
    }
}
