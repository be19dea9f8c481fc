using Microsoft.Extensions.Logging.Abstractions;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Serving;
using SeqServe.Core.Tasks;
using SeqServe.Core.Training;

namespace SeqServe.Tests;

/// <summary>Trains a recipe straight into a temp checkpoint store and loads the result, as the worker and registry would.</summary>
public static class RecipeRunner
{
    public static PackageCache Packages { get; } = new(TestPaths.DataCache);

    public static (CheckpointManifest Manifest, IServedModel Served, string VersionDir) TrainAndLoad(
        IModelRecipe recipe, JobSpec spec, string storeRoot, string? model = null)
    {
        var store = new CheckpointStore(storeRoot);
        var name = model ?? recipe.DefaultModel;
        var temp = store.BeginWrite(name);
        var draft = recipe.Train(new RecipeContext(spec, name, temp, Packages, NullTrainingListener.Instance,
            NullLogger.Instance, CancellationToken.None));
        var manifest = store.Commit(temp, draft);
        var verified = store.ReadVerified(name, manifest.Version);
        var dir = store.VersionDir(name, manifest.Version);
        return (verified, recipe.Load(verified, dir), dir);
    }
}
