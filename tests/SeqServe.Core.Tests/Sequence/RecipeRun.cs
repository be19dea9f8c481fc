using Microsoft.Extensions.Logging.Abstractions;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Serving;
using SeqServe.Core.Tasks;
using SeqServe.Core.Training;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Sequence;

/// <summary>Trains a recipe into a private checkpoint store, commits the version and loads it back.</summary>
public static class RecipeRun
{
    public static PackageCache Packages { get; } = new(TestPaths.DataCache);

    public static (CheckpointManifest Manifest, IServedModel Served) TrainAndLoad(IModelRecipe recipe, JobSpec spec, string storeRoot)
    {
        var store = new CheckpointStore(storeRoot);
        var model = spec.Model ?? recipe.DefaultModel;
        var temp = store.BeginWrite(model);
        var context = new RecipeContext(spec, model, temp, Packages, NullTrainingListener.Instance, NullLogger.Instance,
            CancellationToken.None);
        var manifest = store.Commit(temp, recipe.Train(context));
        var verified = store.ReadVerified(model, manifest.Version);
        return (verified, recipe.Load(verified, store.VersionDir(model, manifest.Version)));
    }
}
