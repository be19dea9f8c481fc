using SeqServe.Core.Checkpoints;

namespace SeqServe.Api.Models;

public sealed record VersionSummary(string Version, string State, DateTimeOffset? CreatedAt,
    IReadOnlyDictionary<string, double>? Metrics, string? Error);

/// <summary>A model: which version answers (<c>promotedVersion</c>), which one the PROMOTED file asks for, and every version.</summary>
public sealed record ModelSummary(string Name, string? Task, string? Kind, string? PromotedVersion, string? RequestedVersion,
    IReadOnlyList<string> Operations, IReadOnlyList<VersionSummary> Versions);

/// <summary>A model with the full manifest of its promoted version (architecture, training, dataset + split, metrics).</summary>
public sealed record ModelDetail(ModelSummary Model, CheckpointManifest? Promoted);

public static class ModelContracts
{
    public static ModelSummary Summarize(ModelRegistry.ModelSlot slot)
    {
        var serving = slot.Serving;
        var any = serving ?? slot.Versions.Values.FirstOrDefault(v => v.Manifest is not null);
        return new ModelSummary(slot.Name, any?.Manifest?.Task, any?.Manifest?.Kind, serving?.Version, slot.Requested,
            serving?.Served?.Operations ?? [],
            slot.Versions.Values.OrderBy(v => v.Version, StringComparer.Ordinal)
                .Select(v => new VersionSummary(v.Version, v.State.ToString(), v.CreatedAt, v.Manifest?.Metrics, v.Error))
                .ToList());
    }
}
