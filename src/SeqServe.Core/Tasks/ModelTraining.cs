using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Modeling;
using SeqServe.Core.Serving;
using SeqServe.Core.Training;

namespace SeqServe.Core.Tasks;

/// <summary>
/// The one way a model is trained: resolve the request against the recipe's defaults, seed, let the
/// recipe build data and network and fit them, save the weights, draft the manifest (identity, training,
/// best-epoch metrics, timing), draw its training curves, and commit it to the store atomically. The worker, the train command,
/// the tests and the benches all train through here.
/// </summary>
public static class ModelTraining
{
    /// <summary>Trains into <see cref="RecipeContext.OutputDir"/> and returns the manifest to commit.</summary>
    public static CheckpointManifest Train(IModelRecipe recipe, RecipeContext context)
    {
        var clock = Stopwatch.StartNew();
        var training = recipe.TrainingFor(context.Spec);
        var run = new RecipeRun(context, training, Trainer.Seed(training.Seed));
        var trained = recipe.Train(run);
        TrainingOutcome outcome;
        using (trained.Network)
        {
            outcome = run.Outcome ?? throw new InvalidOperationException($"{recipe.GetType().Name} returned a model without fitting it");
            ModelFiles.SaveWeights(trained.Network, context.OutputDir, training.WeightsPrecision);
        }
        TrainingCurves.Write(outcome.History, $"{context.ModelName} on {recipe.Dataset}", context.OutputDir);
        return new CheckpointManifest
        {
            Name = context.ModelName,
            Task = recipe.Task,
            Kind = recipe.Kind,
            Recipe = recipe.Dataset,
            Architecture = trained.Architecture,
            Training = training,
            Dataset = trained.Dataset,
            Preprocessing = trained.Preprocessing,
            Metrics = WithBestEpoch(trained.Metrics, outcome),
            Baseline = trained.Baseline,
            History = outcome.History,
            StopReason = outcome.StopReason,
            TrainingSeconds = clock.Elapsed.TotalSeconds,
            JobId = context.JobId,
            Held = context.Spec.Promote ? null : true,
        };
    }

    /// <summary>
    /// Trains a new version of <paramref name="model"/> and commits it (promoting it when the spec says so).
    /// A failed or cancelled run leaves nothing behind but a removed temp folder.
    /// </summary>
    public static CheckpointManifest TrainAndCommit(IModelRecipe recipe, JobSpec spec, string model, CheckpointStore store,
        Data.PackageCache packages, ITrainingListener listener, ILogger log, CancellationToken cancel, string? jobId = null)
    {
        var temp = store.BeginWrite(model);
        using var renew = new Timer(_ => WriteLease.Renew(temp), null, WriteLease.RenewEvery, WriteLease.RenewEvery);
        try
        {
            log.LogInformation("Training {Model} on {Dataset} with recipe {Recipe}", model, recipe.Dataset, recipe.GetType().Name);
            var draft = Train(recipe, new RecipeContext(spec, model, temp, packages, listener, log, cancel, jobId, store));
            cancel.ThrowIfCancellationRequested();
            var manifest = store.Commit(temp, draft);
            log.LogInformation("Wrote checkpoint {Model}/{Version} with metrics {@Metrics}", model, manifest.Version, manifest.Metrics);
            if (spec.Promote)
            {
                store.WritePromoted(model, manifest.Version);
                log.LogInformation("Marked {Model}/{Version} for promotion; it is served once loaded and warmed up", model, manifest.Version);
            }
            return manifest;
        }
        finally
        {
            CheckpointStore.Abandon(temp);
        }
    }

    /// <summary>The recipe's held-out metrics plus the kept (best) epoch's training and validation loss and accuracy.</summary>
    private static Dictionary<string, double> WithBestEpoch(Dictionary<string, double> metrics, TrainingOutcome outcome)
    {
        var all = new Dictionary<string, double>(metrics);
        if (outcome.History.FirstOrDefault(h => h.Epoch == outcome.BestEpoch) is not { } best) return all;
        all.TryAdd("trainLoss", best.TrainLoss);
        all.TryAdd("validLoss", best.ValidLoss);
        if (best.ValidAccuracy is { } accuracy) all.TryAdd("validAccuracy", accuracy);
        return all;
    }
}

public static class RecipeTrainingDefaults
{
    /// <summary>The training settings a run of <paramref name="spec"/> gets: what it gives, the recipe's defaults for the rest.</summary>
    public static TrainingConfig TrainingFor(this IModelRecipe recipe, JobSpec spec) =>
        (spec.Training ?? new TrainingSpec()).Resolve(recipe.DefaultTraining);
}
