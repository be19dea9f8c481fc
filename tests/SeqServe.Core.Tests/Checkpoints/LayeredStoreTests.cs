using System.Text.Json.Nodes;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Training;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Checkpoints;

/// <summary>The shipped models are a read-only layer under the writable store: using the store never changes them.</summary>
public class LayeredStoreTests
{
    private static string Commit(CheckpointStore store, string model)
    {
        var temp = store.BeginWrite(model);
        File.WriteAllBytes(Path.Combine(temp, CheckpointStore.WeightsFile), [1, 2, 3]);
        return store.Commit(temp, new CheckpointManifest
        {
            Name = model, Task = "sequence", Kind = "per-step", Recipe = "sine-cosine",
            Architecture = new JsonObject(), Training = new TrainingConfig(), Dataset = new DatasetRef("sine-cosine", "test", "none"),
        }).Version;
    }

    /// <summary>Every file under the folder with its bytes' hash: what "unchanged" means here.</summary>
    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), CheckpointStore.Sha256);

    [Fact]
    public void Readers_see_both_layers_and_every_write_lands_in_the_writable_one()
    {
        using var shippedDir = new TempDir();
        using var writableDir = new TempDir();
        var shippedStore = new CheckpointStore(shippedDir.Path);
        var shipped = Commit(shippedStore, "m");
        shippedStore.WritePromoted("m", shipped);
        var before = Snapshot(shippedDir.Path);

        var store = new CheckpointStore(writableDir.Path, shippedDir.Path);
        Assert.Equal(["m"], store.ListModels());
        Assert.Equal(shipped, store.ReadPromoted("m"));
        Assert.True(store.IsShipped("m", shipped));
        Assert.Equal(Path.Combine(shippedDir.Path, "m", shipped), store.VersionDir("m", shipped));
        store.ReadVerified("m", shipped);

        var mine = Commit(store, "m");
        var other = Commit(store, "n");
        Assert.Equal([shipped, mine], store.ListVersions("m"));
        Assert.Equal(["m", "n"], store.ListModels());
        store.WritePromoted("m", mine);
        Assert.Equal(mine, store.ReadPromoted("m"));           // the writable layer's PROMOTED wins
        store.WritePromoted("m", shipped);                     // back to the shipped version: still a writable-layer file
        Assert.Equal(shipped, store.ReadPromoted("m"));
        Assert.Throws<InvalidOperationException>(() => store.Delete("m", shipped));
        store.Delete("n", other);
        store.SweepAbandoned();

        Assert.Equal(before, Snapshot(shippedDir.Path));
        Assert.True(File.Exists(Path.Combine(writableDir.Path, "m", CheckpointStore.PromotedFile)));
        Assert.True(Directory.Exists(Path.Combine(writableDir.Path, "m", mine)));
    }

    [Fact]
    public void A_shipped_layer_that_is_the_writable_folder_is_one_store()
    {
        using var dir = new TempDir();
        var store = new CheckpointStore(dir.Path, dir.Path);
        Assert.Null(store.ShippedRoot);
        var version = Commit(store, "m");
        Assert.False(store.IsShipped("m", version));
        store.Delete("m", version);
        Assert.Empty(store.ListVersions("m"));
    }
}
