using Microsoft.Extensions.Logging.Abstractions;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Serving;
using SeqServe.Core.Tasks;
using SeqServe.Core.Training;

namespace SeqServe.Tests;

/// <summary>Trains a recipe into a temp checkpoint store and loads the result, through the same path as the worker and registry.</summary>
public static class RecipeRunner
{
    public static PackageCache Packages { get; } = new(TestPaths.DataCache);

    public static (CheckpointManifest Manifest, IServedModel Served, string VersionDir) TrainAndLoad(
        IModelRecipe recipe, JobSpec spec, string storeRoot, string? model = null)
    {
        var store = new CheckpointStore(storeRoot);
        var name = model ?? recipe.DefaultModel;
        // Promoted in the scratch store: the version is an ordinary one (not held), so a test that moves its folder
        // into a service's store sees it served as that model's newest version.
        var committed = ModelTraining.TrainAndCommit(recipe, spec with { Promote = true }, name, store, Packages,
            NullTrainingListener.Instance, NullLogger.Instance, CancellationToken.None);
        var verified = store.ReadVerified(name, committed.Version);
        var dir = store.VersionDir(name, committed.Version);
        return (verified, recipe.Load(verified, dir), dir);
    }
}
