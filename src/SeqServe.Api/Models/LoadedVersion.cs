using SeqServe.Core.Checkpoints;
using SeqServe.Core.Serving;

namespace SeqServe.Api.Models;

public enum VersionState { Loading, Ready, Failed }

/// <summary>One version of a model as the registry knows it: its state, manifest and (when Ready) the served model.</summary>
public sealed record LoadedVersion(
    string Model,
    string Version,
    VersionState State,
    CheckpointManifest? Manifest,
    IServedModel? Served,
    string? Error)
{
    public DateTimeOffset? CreatedAt => Manifest?.CreatedAt;
}
