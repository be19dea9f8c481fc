using SeqServe.Core.Checkpoints;
using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;
using SeqServe.Core.Serving.TorchScript;
using SeqServe.Core.Tasks;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Serving;

/// <summary>A TorchScript file made by PyTorch, stored as a version and loaded by the catalog, answers what PyTorch answered.</summary>
public class TorchScriptModelTests
{
    private const double Tolerance = 1e-5;

    private static TorchScriptSignature Signature() =>
        TorchScriptSignature.FromJson(System.Text.Json.Nodes.JsonNode.Parse(TorchScriptFixture.SignatureJson));

    private static async Task<(CheckpointStore Store, CheckpointManifest Manifest)> Stored(string root, byte[]? file = null)
    {
        var store = new CheckpointStore(root);
        await using Stream stream = file is null ? File.OpenRead(TorchScriptFixture.ModelPath) : new MemoryStream(file);
        return (store, await TorchScriptVersion.WriteAsync(store, "lstm", stream, Signature(), "test fixture"));
    }

    private static NamedTensor[] Input(TorchScriptFixture.Case c) => [new("sequence", TensorDatatypes.Fp32, c.Shape, c.Input)];

    [Fact]
    public async Task The_fixture_loads_through_the_catalog_and_answers_pytorchs_outputs()
    {
        using var dir = new TempDir();
        var (store, manifest) = await Stored(dir.Path);
        Assert.Equal(CheckpointManifest.TorchScriptPlatform, manifest.Platform);
        Assert.Contains(TorchScriptModel.FileName, manifest.Files.Keys);
        var (_, served) = RecipeCatalog.BuiltIn.Load(store, "lstm", manifest.Version);
        using var model = Assert.IsType<TorchScriptModel>(served);
        model.WarmUp();
        Assert.Equal(["logits", "probabilities", "label"], model.Outputs.Select(o => o.Name));
        Assert.Equal([-1L, 4], model.Outputs[0].Shape);
        Assert.Equal([-1L], model.Outputs[2].Shape);
        foreach (var c in TorchScriptFixture.Cases)
        {
            model.Validate(Input(c));
            var outputs = model.Run([Input(c)])[0];
            Assert.True(TorchScriptFixture.MaxDifference(c.Logits, (float[])outputs[0].Data) <= Tolerance, $"logits of [{string.Join(",", c.Shape)}]");
            Assert.True(TorchScriptFixture.MaxDifference(c.Probabilities, (float[])outputs[1].Data) <= Tolerance, "probabilities");
            Assert.Equal(c.Labels, (string[])outputs[2].Data);
            Assert.Equal([c.Shape[0], 4], outputs[0].Shape);
        }
    }

    [Fact]
    public async Task Requests_of_equal_steps_share_a_pass_and_get_what_they_get_alone()
    {
        using var dir = new TempDir();
        var (store, manifest) = await Stored(dir.Path);
        using var model = TorchScriptModel.Load(manifest, store.VersionDir("lstm", manifest.Version));
        var c = TorchScriptFixture.Cases[0]; // 2 rows of 5 steps
        var rows = Enumerable.Range(0, 2).Select(r => new NamedTensor("sequence", TensorDatatypes.Fp32, [1, 5, 3],
            c.Input.Skip(r * 15).Take(15).ToArray())).Select(t => new[] { t }).ToList();
        Assert.Equal(model.GroupOf(rows[0]), model.GroupOf(rows[1]));
        var together = model.Run(rows);
        using var scheduler = new InferenceScheduler(new SchedulerSettings(MaxBatch: 8, MaxDelayMs: 20));
        var viaScheduler = await Task.WhenAll(rows.Select(r => scheduler.Submit("lstm", manifest.Version, model, [r])));
        for (var r = 0; r < 2; r++)
        {
            var expected = c.Logits.Skip(r * 4).Take(4).ToArray();
            Assert.True(TorchScriptFixture.MaxDifference(expected, (float[])together[r][0].Data) <= Tolerance, $"row {r} in one pass");
            Assert.True(TorchScriptFixture.MaxDifference(expected, (float[])viaScheduler[r][0][0].Data) <= Tolerance, $"row {r} via the batcher");
        }
    }

    [Fact]
    public async Task Inputs_off_the_signature_are_refused_naming_the_input()
    {
        using var dir = new TempDir();
        var (store, manifest) = await Stored(dir.Path);
        using var model = TorchScriptModel.Load(manifest, store.VersionDir("lstm", manifest.Version));
        var wrongFeatures = Assert.Throws<ModelInputException>(() => model.Validate([new("sequence", "FP32", [1, 2, 4], new float[8])]));
        Assert.Contains("[-1, -1, 3]", wrongFeatures.Message);
        Assert.Throws<ModelInputException>(() => model.Validate([new("sequence", "FP64", [1, 2, 3], new double[6])]));
        Assert.Throws<ModelInputException>(() => model.Validate([new("seq", "FP32", [1, 2, 3], new float[6])]));
        Assert.Throws<ModelInputException>(() => model.Validate([new("sequence", "FP32", [1, 2, 3], new float[5])]));
        Assert.Throws<ModelInputException>(() => model.Validate([new("sequence", "FP32", [0, 2, 3], Array.Empty<float>())]));
    }

    [Fact]
    public async Task A_file_that_is_not_torchscript_or_does_not_fit_its_signature_fails_to_load_with_the_reason()
    {
        using var dir = new TempDir();
        var pt = await File.ReadAllBytesAsync(TorchScriptFixture.ModelPath);
        var (store, truncated) = await Stored(dir.Path, pt[..(pt.Length / 2)]);
        var catalog = RecipeCatalog.BuiltIn;
        var notTorchScript = Assert.Throws<CheckpointException>(() => catalog.Load(store, "lstm", truncated.Version));
        Assert.Contains("torch.jit.load", notTorchScript.Message);

        var manifest = TorchScriptVersion.Manifest("lstm", Signature() with
        {
            Inputs = [new TensorSpec("sequence", TensorDatatypes.Fp32, [-1, -1, 5])],
        }, "test");
        var temp = store.BeginWrite("lstm");
        File.Copy(TorchScriptFixture.ModelPath, Path.Combine(temp, TorchScriptModel.FileName));
        var wrongShape = store.Commit(temp, manifest);
        var misfit = Assert.Throws<CheckpointException>(() => catalog.Load(store, "lstm", wrongShape.Version));
        Assert.Contains("does not run on inputs of its signature", misfit.Message);
    }
}
