using Microsoft.Extensions.Logging;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Tasks;
using SeqServe.Core.Training;

namespace SeqServe.Jobs;

/// <summary>
/// The host's way into <see cref="ModelTraining.TrainAndCommit"/>: finds the recipe for the spec's
/// dataset and the model name, with this host's store, dataset cache and logger. Shared by the job
/// worker, a child training run and the <c>train</c> command.
/// </summary>
public sealed class TrainingRunner(RecipeCatalog recipes, CheckpointStore store, PackageCache packages, ILogger<TrainingRunner> logger)
{
    public CheckpointManifest Run(JobSpec spec, ITrainingListener listener, CancellationToken cancel, string? jobId = null)
    {
        var recipe = recipes.Find(spec.Dataset)
                     ?? throw new InvalidOperationException($"no recipe trains dataset '{spec.Dataset}'");
        return ModelTraining.TrainAndCommit(recipe, spec, spec.Model ?? recipe.DefaultModel, store, packages, listener, logger, cancel, jobId);
    }
}
