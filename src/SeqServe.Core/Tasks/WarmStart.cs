using Microsoft.Extensions.Logging;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Modeling;
using TorchSharp;

namespace SeqServe.Core.Tasks;

/// <summary>
/// <c>training.initFrom</c>: a run that starts from the weights of an earlier version of the same model (either
/// layer of the store, the shipped one included) instead of a fresh initialisation. The version must have this
/// run's architecture; the recipe checks the rest (vocabulary, alphabet) on the manifest and folder it gets back.
/// </summary>
public static class WarmStart
{
    /// <summary>A 400 for a <c>training.initFrom</c> that cannot name a version.</summary>
    public static void Validate(Training.JobSpec spec, IDictionary<string, string[]> errors)
    {
        if (spec.Training?.InitFrom is { } from && !CheckpointStore.IsValidName(from))
            Training.SpecBounds.Add(errors, "training.initFrom", $"must be a version name of the model (lower-case letters, digits and '-', at most 64), got '{from}'.");
    }

    public static (CheckpointManifest Manifest, string Dir) Load<TConfig>(RecipeRun run, torch.nn.Module network, TConfig config, string from)
        where TConfig : notnull
    {
        var store = run.Store ?? throw new InvalidOperationException("training.initFrom needs the checkpoint store");
        var manifest = store.ReadVerified(run.ModelName, from);
        var dir = store.VersionDir(run.ModelName, from);
        var prior = ModelFiles.FromJson<TConfig>(manifest.Architecture, "architecture");
        if (!prior.Equals(config))
            throw new CheckpointException($"training.initFrom {run.ModelName}/{from} has another architecture than this run's: " +
                                          $"{ModelFiles.ToJson(prior).ToJsonString()} vs {ModelFiles.ToJson(config).ToJsonString()}");
        ModelFiles.ReadWeights(network, dir);
        run.Log.LogInformation("Starting from the weights of {Model}/{Version}", run.ModelName, from);
        return (manifest, dir);
    }
}
