using Microsoft.Extensions.Logging;
using SeqServe.Core.Data;
using SeqServe.Core.Training;

namespace SeqServe.Core.Tasks;

/// <summary>
/// What a recipe gets for one training run, already resolved and seeded by <see cref="ModelTraining"/>:
/// the request, its training settings with the recipe's defaults filled in, the seeded random source for
/// data order and generation, and <see cref="Fit"/>, the one way to run the shared trainer.
/// </summary>
public sealed class RecipeRun(RecipeContext context, TrainingConfig training, Random random)
{
    public JobSpec Spec => context.Spec;
    public ArchitectureSpec? Architecture => context.Spec.Architecture;
    public TrainingConfig Training { get; } = training;
    /// <summary>Seeded with <c>training.seed</c> (torch's generator is seeded with it too).</summary>
    public Random Random { get; } = random;
    public string ModelName => context.ModelName;
    /// <summary>The version's folder: the recipe writes its own files (vocabularies) here; the weights are written for it.</summary>
    public string OutputDir => context.OutputDir;
    public PackageCache Packages => context.Packages;
    /// <summary>The store the new version is written to (both layers readable), for recipes that start from an earlier version.</summary>
    public Checkpoints.CheckpointStore? Store => context.Store;
    public ILogger Log => context.Log;
    public CancellationToken Cancel => context.Cancel;

    /// <summary>What <see cref="Fit"/> returned; the template reads the best epoch's metrics from it.</summary>
    public TrainingOutcome? Outcome { get; private set; }

    /// <summary>Trains the problem's network with the shared trainer (once per run).</summary>
    public TrainingOutcome Fit(ITrainingProblem problem)
    {
        if (Outcome is not null) throw new InvalidOperationException("a run fits its network once");
        Outcome = Trainer.Fit(problem, Training, context.Listener, context.Cancel);
        // Before the recipe measures its held-out figures: they are then those of the weights the checkpoint stores.
        Modeling.WeightPrecision.Round(problem.Model, Training.WeightsPrecision);
        return Outcome;
    }
}
