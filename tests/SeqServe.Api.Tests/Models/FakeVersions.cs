using System.Collections.Concurrent;
using SeqServe.Api.Models;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Serving;
using SeqServe.Core.Training;

namespace SeqServe.Api.Tests.Models;

/// <summary>
/// A version loader for residency tests: every load builds a new <see cref="FakeMapper"/> (no torch), so
/// a test sees exactly which loaded instances exist, which were disposed and how often.
/// </summary>
public sealed class FakeVersions : IVersionLoader
{
    private readonly ConcurrentQueue<FakeMapper> loaded = new();

    /// <summary>A request whose text is this blocks inside the forward pass until <see cref="Release"/>.</summary>
    public const string Hold = "hold";
    public ManualResetEventSlim Entered { get; } = new();
    public ManualResetEventSlim Release { get; } = new();

    public IReadOnlyList<FakeMapper> Loaded => [.. loaded];
    public IReadOnlyList<FakeMapper> Of(string version) => [.. loaded.Where(m => m.Version == version)];
    /// <summary>Loaded and not disposed.</summary>
    public int Live => loaded.Count(m => m.Disposals == 0);

    public (CheckpointManifest Manifest, IServedModel Served) Load(string model, string version)
    {
        var mapper = new FakeMapper(version, this);
        loaded.Enqueue(mapper);
        return (new CheckpointManifest
        {
            Name = model, Version = version, Task = "sequence", Kind = "map", Recipe = "fake",
            Architecture = [], Training = new TrainingConfig(), Dataset = new DatasetRef("fake", "test", "none"),
        }, mapper);
    }

    /// <summary>Writes version folders the store lists (the fake loader never reads them).</summary>
    public static void AddVersions(string modelsDir, string model, params string[] versions)
    {
        foreach (var version in versions)
        {
            var dir = Path.Combine(modelsDir, model, version);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, CheckpointManifest.FileName), "{}");
        }
    }
}

/// <summary>Answers "version:text"; counts its disposals; a "hold" text blocks the pass until the test releases it.</summary>
public sealed class FakeMapper(string version, FakeVersions owner) : ISequenceMapper
{
    private int disposals;
    public string Version { get; } = version;
    public int Disposals => Volatile.Read(ref disposals);

    public string Kind => "map";
    public IReadOnlyList<string> Operations { get; } = ["map"];
    public string Alphabet => "abcdefghijklmnopqrstuvwxyz";
    public void Validate(string text) { }
    public string Map(string text) => Run([text])[0];
    public object? GroupOf(string input) => input;
    public int LengthOf(string input) => input.Length;
    public void WarmUp() { }

    public string[] Run(IReadOnlyList<string> inputs)
    {
        if (Disposals > 0) throw new ObjectDisposedException($"fake model {Version}", "a disposed model was asked to run");
        if (inputs.Contains(FakeVersions.Hold))
        {
            owner.Entered.Set();
            if (!owner.Release.Wait(TimeSpan.FromMinutes(1))) throw new TimeoutException("the test never released the held pass");
        }
        return [.. inputs.Select(t => $"{Version}:{t}")];
    }

    public void Dispose() => Interlocked.Increment(ref disposals);
}
