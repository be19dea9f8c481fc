using SeqServe.Core.Checkpoints;

namespace SeqServe.Api.Models;

/// <summary>One version: its state (Ready, Unloaded: loadable but not in memory, Failed with the reason), when it was made, its held-out metrics.</summary>
/// <summary>One version; <c>held</c> when it was made with promote: false (served only once promoted).</summary>
public sealed record VersionSummary(string Version, VersionState State, DateTimeOffset? CreatedAt,
    IReadOnlyDictionary<string, double>? Metrics, string? Error, bool Held = false);

/// <summary>
/// A model: <c>servedVersion</c> answers requests; <c>promotedVersion</c> is the one its PROMOTED file asks
/// for (they differ while the promoted one loads, or when it failed to load); and every version.
/// </summary>
public sealed record ModelSummary(string Name, string? Task, string? Kind, string? ServedVersion, string? PromotedVersion,
    IReadOnlyList<string> Operations, IReadOnlyList<VersionSummary> Versions);

/// <summary>A model with the full manifest of its served version (architecture, training, dataset + split, metrics).</summary>
public sealed record ModelDetail(ModelSummary Model, CheckpointManifest? Served);

public static class ModelContracts
{
    public static ModelSummary Summarize(ModelRegistry.ModelSlot slot)
    {
        var served = slot.Served;
        var any = served ?? slot.Versions.Values.FirstOrDefault(v => v.Manifest is not null);
        return new ModelSummary(slot.Name, any?.Manifest?.Task, any?.Manifest?.Kind, served?.Version, slot.Promoted,
            served?.Served?.Operations ?? [],
            slot.Versions.Values.OrderBy(v => v.Version, StringComparer.Ordinal)
                .Select(v => new VersionSummary(v.Version, v.State, v.CreatedAt, v.Manifest?.Metrics, v.Error, ModelRegistry.IsHeld(v)))
                .ToList());
    }
}
