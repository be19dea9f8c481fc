using SeqServe.Core.Checkpoints;
using SeqServe.Core.Sequence.CharMapping;
using SeqServe.Core.Training;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Infrastructure;

/// <summary>Puts real checkpoints into a model store the way a worker on another node would: trained elsewhere, renamed in.</summary>
public static class SeededStore
{
    /// <summary>Trains hello-ohlol (seconds) into a scratch store and moves the version into <paramref name="modelsDir"/>.</summary>
    public static string AddHelloOhlol(string modelsDir, string model = "hello-ohlol", int seed = 42, Action<string>? tamper = null)
    {
        using var scratch = new TempDir();
        var spec = new JobSpec { Training = new TrainingSpec { Seed = seed } };
        var (manifest, _, dir) = RecipeRunner.TrainAndLoad(new CharMappingRecipe(), spec, scratch.Path, model);
        tamper?.Invoke(dir);
        var target = Path.Combine(modelsDir, model, manifest.Version);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        Directory.Move(dir, target);
        return manifest.Version;
    }

    /// <summary>Adds a quickly trained model of any recipe (quality irrelevant: for shape and error tests).</summary>
    public static string AddQuick(string modelsDir, SeqServe.Core.Tasks.IModelRecipe recipe, string model, JobSpec spec)
    {
        using var scratch = new TempDir();
        var (manifest, _, dir) = RecipeRunner.TrainAndLoad(recipe, spec, scratch.Path, model);
        var target = Path.Combine(modelsDir, model, manifest.Version);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        Directory.Move(dir, target);
        return manifest.Version;
    }

    /// <summary>A sine-cosine version trained for one epoch on 16 windows: seconds, and told apart from another seed by its answers.</summary>
    public static string AddQuickSineCosine(string modelsDir, int seed) =>
        AddQuick(modelsDir, new SeqServe.Core.Sequence.SineCosine.SineCosineRecipe(), "sine-cosine",
            new JobSpec { Training = new TrainingSpec { Epochs = 1, MaxExamples = 16, Seed = seed } });

    /// <summary>Copies the repository's shipped checkpoint of <paramref name="model"/> (every version and its PROMOTED file).</summary>
    public static void CopyShipped(string modelsDir, string model)
    {
        var from = Path.Combine(TestPaths.RepoRoot, "models", model);
        if (!Directory.Exists(from)) throw new DirectoryNotFoundException($"the shipped checkpoint {from} is missing");
        var to = Path.Combine(modelsDir, model);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    public static void Promote(string modelsDir, string model, string version) =>
        new CheckpointStore(modelsDir).WritePromoted(model, version);
}
