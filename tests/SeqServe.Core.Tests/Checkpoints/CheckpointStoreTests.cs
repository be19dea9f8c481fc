using System.Text.Json.Nodes;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Training;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Checkpoints;

public class CheckpointStoreTests
{
    private static CheckpointManifest Draft(string name) => new()
    {
        Name = name, Task = "sequence", Kind = "per-step", Recipe = "sine-cosine",
        Architecture = new JsonObject(), Training = new TrainingConfig(),
        Dataset = new DatasetRef("sine-cosine", "test", "none"),
    };

    private static (CheckpointStore Store, string Version) WriteOne(string root, string name = "m")
    {
        var store = new CheckpointStore(root);
        var temp = store.BeginWrite(name);
        File.WriteAllBytes(Path.Combine(temp, CheckpointStore.WeightsFile), [1, 2, 3, 4]);
        File.WriteAllText(Path.Combine(temp, "vocab.txt"), "a\nb\n");
        return (store, store.Commit(temp, Draft(name)).Version);
    }

    [Fact]
    public void A_committed_version_is_complete_listed_and_verified()
    {
        using var dir = new TempDir();
        var (store, version) = WriteOne(dir.Path);
        Assert.Equal([version], store.ListVersions("m"));
        var manifest = store.ReadVerified("m", version);
        Assert.Equal(2, manifest.Files.Count);
        Assert.Empty(Directory.GetDirectories(Path.Combine(dir.Path, "m"), ".tmp-*"));
    }

    [Fact]
    public void An_uncommitted_write_is_invisible()
    {
        using var dir = new TempDir();
        var store = new CheckpointStore(dir.Path);
        var temp = store.BeginWrite("m");
        File.WriteAllBytes(Path.Combine(temp, CheckpointStore.WeightsFile), [1, 2, 3]);
        Assert.Empty(store.ListVersions("m"));
        Assert.Equal(["m"], store.ListModels());
    }

    [Theory]
    [InlineData("weights.bin")]
    [InlineData("vocab.txt")]
    public void A_changed_file_is_refused_with_its_name(string file)
    {
        using var dir = new TempDir();
        var (store, version) = WriteOne(dir.Path);
        File.AppendAllText(Path.Combine(store.VersionDir("m", version), file), "x");
        var e = Assert.Throws<CheckpointException>(() => store.ReadVerified("m", version));
        Assert.Contains(file, e.Message);
        Assert.Contains("SHA-256", e.Message);
    }

    [Fact]
    public void A_missing_or_broken_manifest_is_refused()
    {
        using var dir = new TempDir();
        var (store, version) = WriteOne(dir.Path);
        File.WriteAllText(Path.Combine(store.VersionDir("m", version), CheckpointManifest.FileName), "{ not json");
        Assert.Throws<CheckpointException>(() => store.ReadVerified("m", version));
    }

    [Fact]
    public void Promotion_marker_round_trips_and_delete_removes_the_version()
    {
        using var dir = new TempDir();
        var (store, version) = WriteOne(dir.Path);
        Assert.Null(store.ReadPromoted("m"));
        store.WritePromoted("m", version);
        Assert.Equal(version, store.ReadPromoted("m"));
        store.Delete("m", version);
        Assert.Empty(store.ListVersions("m"));
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("UPPER")]
    [InlineData("")]
    [InlineData("-leading")]
    [InlineData("name\n")]
    public void Names_outside_the_pattern_are_rejected(string name)
    {
        Assert.False(CheckpointStore.IsValidName(name));
        Assert.Throws<ArgumentException>(() => new CheckpointStore("/tmp").VersionDir(name, "v1"));
    }

    [Fact]
    public void A_sweep_removes_what_dead_writers_left_and_keeps_live_writes()
    {
        using var dir = new TempDir();
        var (store, version) = WriteOne(dir.Path, "kept");
        var live = store.BeginWrite("kept");                       // this process, renewing: a live writer
        var otherLive = store.BeginWrite("kept");                  // another live process on this node
        using var sleeper = System.Diagnostics.Process.Start("sleep", "30")!;
        (WriteLease.OfThisProcess() with { Pid = sleeper.Id, ProcessStart = WriteLease.ProcessStartOf(sleeper.Id) }).WriteTo(otherLive);
        var stale = store.BeginWrite("kept");                      // lease not renewed for 10 minutes
        File.SetLastWriteTimeUtc(Path.Combine(stale, WriteLease.FileName), DateTime.UtcNow.AddMinutes(-10));
        var orphan = store.BeginWrite("orphan");                   // writer process gone (same node): the only thing in its model
        DeadWriter().WriteTo(orphan);

        var removed = store.SweepAbandoned();

        Assert.True(Directory.Exists(live));
        Assert.True(Directory.Exists(otherLive), "a live writer in another process was taken for dead");
        sleeper.Kill();
        Assert.False(Directory.Exists(stale));
        Assert.False(Directory.Exists(orphan));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "orphan")), "an emptied model folder stays behind");
        Assert.Contains(Path.Combine(dir.Path, "orphan"), removed);
        Assert.Equal([version], store.ListVersions("kept"));
    }

    [Fact]
    public void An_abandoned_first_write_leaves_no_model_folder()
    {
        using var dir = new TempDir();
        var store = new CheckpointStore(dir.Path);
        var temp = store.BeginWrite("never-finished");
        CheckpointStore.Abandon(temp);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "never-finished")));
        Assert.Empty(store.ListModels());
    }

    [Fact]
    public void A_killed_writer_whose_parent_is_gone_counts_as_gone_even_while_it_is_a_zombie()
    {
        // The shape of a crash: the parent (the service) and its child (the training run) are killed
        // together, and the child is left to an init that may never reap it.
        using var shell = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sh", ["-c", "sleep 30 & echo $!"])
            { RedirectStandardOutput = true })!;
        var pid = int.Parse(shell.StandardOutput.ReadLine()!);
        shell.WaitForExit();
        Assert.NotNull(WriteLease.ProcessStartOf(pid));
        System.Diagnostics.Process.GetProcessById(pid).Kill();
        // Wait until the kernel has it dead: a zombie ("Z"), or already reaped by whatever init there is.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z "))
        {
            Assert.True(DateTime.UtcNow < deadline, $"process {pid} did not die after it was killed");
            Thread.Sleep(5);
        }
        Assert.Null(WriteLease.ProcessStartOf(pid));
    }

    /// <summary>A lease of a process on this node that has exited.</summary>
    private static WriteLease DeadWriter()
    {
        using var process = System.Diagnostics.Process.Start("sleep", "0.2")!;
        var started = WriteLease.ProcessStartOf(process.Id);
        Assert.NotNull(started);
        process.WaitForExit();
        return WriteLease.OfThisProcess() with { Pid = process.Id, ProcessStart = started };
    }
}
