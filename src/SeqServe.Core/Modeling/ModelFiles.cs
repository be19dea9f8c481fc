using System.Text.Json;
using System.Text.Json.Nodes;
using SeqServe.Core.Checkpoints;
using static TorchSharp.torch;

namespace SeqServe.Core.Modeling;

/// <summary>Saving and loading module weights and configuration records inside a checkpoint folder.</summary>
public static class ModelFiles
{
    /// <summary>Writes the weights file, its floating-point tensors in <paramref name="precision"/> (<see cref="WeightPrecision"/>).</summary>
    public static void SaveWeights(nn.Module module, string dir, string precision = WeightPrecision.Float32) =>
        WeightPrecision.Save(module, Path.Combine(dir, CheckpointStore.WeightsFile), precision);

    /// <summary>Reads a version's weights file into <paramref name="module"/> strictly (either precision).</summary>
    public static void ReadWeights(nn.Module module, string dir) =>
        WeightPrecision.Load(module, Path.Combine(dir, CheckpointStore.WeightsFile));

    /// <summary>Loads weights strictly: a missing, extra or differently shaped tensor is an error.</summary>
    public static T LoadWeights<T>(T module, string dir) where T : nn.Module
    {
        try
        {
            ReadWeights(module, dir);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            module.Dispose();
            throw new CheckpointException($"weights do not fit the architecture in the manifest: {e.Message}", e);
        }
        module.eval();
        return module;
    }

    /// <summary>The <see cref="StepNetwork"/> a manifest describes, with its weights loaded strictly.</summary>
    public static StepNetwork LoadStepNetwork(CheckpointManifest manifest, string dir) =>
        LoadWeights(new StepNetwork(FromJson<StepNetworkConfig>(manifest.Architecture, "architecture")), dir);

    public static JsonObject ToJson<T>(T value) =>
        JsonSerializer.SerializeToNode(value, CheckpointManifest.Json)?.AsObject()
        ?? throw new InvalidOperationException("cannot serialise " + typeof(T).Name);

    public static T FromJson<T>(JsonNode? node, string what) =>
        node.Deserialize<T>(CheckpointManifest.Json) ?? throw new CheckpointException($"manifest has no {what}");
}
