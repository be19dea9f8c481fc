using System.Text.Json;
using SeqServe.Core.Checkpoints;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Modeling;

/// <summary>
/// Every shipped model answers as it did when its reference outputs were stored (by the packed encoder):
/// same fixed inputs, outputs equal to 1e-5 (relative above magnitude 1).
/// </summary>
public class ShippedModelOutputsTests
{
    private static readonly CheckpointStore Store = new(Path.Combine(TestPaths.RepoRoot, "models"));
    private static readonly string ReferenceDir =
        Path.Combine(TestPaths.RepoRoot, "tests", "SeqServe.Core.Tests", "Modeling", "ShippedOutputs");

    public static TheoryData<string> Models() => new(Store.ListModels());

    [Fact]
    public void Every_shipped_model_has_stored_reference_outputs()
    {
        var stored = Directory.GetFiles(ReferenceDir, "*.json").Select(Path.GetFileNameWithoutExtension).Order();
        Assert.Equal(Store.ListModels().Order(), stored);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Shipped_model_answers_fixed_inputs_as_before(string model)
    {
        var reference = JsonSerializer.Deserialize<StoredOutputs>(
            File.ReadAllText(Path.Combine(ReferenceDir, model + ".json")), CheckpointManifest.Json)!;
        var version = Store.ReadPromoted(model);
        Assert.Equal(reference.Version, version);
        var actual = ShippedModelProbe.Outputs(Store.ReadVerified(model, version!), Store.VersionDir(model, version!));

        Assert.Equal(reference.Outputs.Length, actual.Length);
        var worst = reference.Outputs.Zip(actual, (e, a) => Math.Abs(e - a) / Math.Max(1, Math.Abs(e))).Max();
        Assert.True(worst <= 1e-5, $"{model}: largest difference {worst:g3} from the stored outputs");
    }

    [Theory]
    [InlineData("sentiment-imdb")]
    [InlineData("pos-brown")]
    public void Shipped_text_model_answers_on_the_dense_encoder_as_on_the_packed_reference(string model)
    {
        var version = Store.ReadPromoted(model)!;
        var manifest = Store.ReadVerified(model, version);
        var dense = ShippedModelProbe.Outputs(manifest, Store.VersionDir(model, version));
        var packed = ShippedModelProbe.Outputs(manifest, Store.VersionDir(model, version), packedReference: true);

        Assert.Equal(packed.Length, dense.Length);
        var worst = packed.Zip(dense, (e, a) => Math.Abs(e - a) / Math.Max(1, Math.Abs(e))).Max();
        Assert.True(worst <= 1e-5, $"{model}: dense and packed differ by {worst:g3}");
    }

    private sealed record StoredOutputs(string Model, string Version, float[] Outputs);
}
