using SeqServe.Core.Checkpoints;
using SeqServe.Core.Serving;

namespace SeqServe.Api.Models;

/// <summary>Ready: loaded and able to answer. Unloaded: verified and loadable, not in memory (loaded again on demand). Failed: refused at load.</summary>
public enum VersionState { Ready, Unloaded, Failed }

/// <summary>One version of a model as the registry knows it: its state, manifest and (when Ready) the resident model.</summary>
public sealed record LoadedVersion(
    string Model,
    string Version,
    VersionState State,
    CheckpointManifest? Manifest,
    ResidentModel? Resident,
    string? Error)
{
    public DateTimeOffset? CreatedAt => Manifest?.CreatedAt;

    /// <summary>The loaded model, while the version is resident.</summary>
    public IServedModel? Served => Resident?.Model;
}
