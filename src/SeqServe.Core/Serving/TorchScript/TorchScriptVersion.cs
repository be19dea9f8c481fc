using SeqServe.Core.Checkpoints;

namespace SeqServe.Core.Serving.TorchScript;

/// <summary>Writes a TorchScript file and its signature into the store as a new version (hashed and renamed in like every version).</summary>
public static class TorchScriptVersion
{
    public const string Task = "tensor";
    public const string Recipe = "torchscript";

    /// <summary>The manifest of an uploaded TorchScript version; its signature is the architecture.</summary>
    public static CheckpointManifest Manifest(string model, TorchScriptSignature signature, string source) => new()
    {
        Name = model,
        Task = Task,
        Kind = TorchScriptModel.KindName,
        Recipe = Recipe,
        Platform = CheckpointManifest.TorchScriptPlatform,
        Architecture = signature.ToJson(),
        Dataset = new DatasetRef("external", source, "unknown: trained outside SeqServe"),
    };

    /// <summary>Copies <paramref name="file"/> into a temp version folder and commits it; returns the committed manifest.</summary>
    public static async Task<CheckpointManifest> WriteAsync(CheckpointStore store, string model, Stream file,
        TorchScriptSignature signature, string source, CancellationToken cancel = default, bool held = false)
    {
        var temp = store.BeginWrite(model);
        try
        {
            await using (var target = new FileStream(Path.Combine(temp, TorchScriptModel.FileName), FileMode.CreateNew, FileAccess.Write))
                await file.CopyToAsync(target, cancel);
            return store.Commit(temp, Manifest(model, signature, source) with { Held = held ? true : null });
        }
        catch
        {
            CheckpointStore.Abandon(temp);
            throw;
        }
    }
}
