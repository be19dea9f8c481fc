namespace SeqServe.Core.Training;

/// <summary>A training request: which model to produce, from which dataset, with which shape and settings.</summary>
public sealed record JobSpec
{
    /// <summary>Name of the model the new version belongs to (<c>^[a-z0-9][a-z0-9-]{0,63}$</c>).</summary>
    public string? Model { get; init; }
    /// <summary>A registered task's name (optional; checked against the dataset's task).</summary>
    public string? Task { get; init; }
    /// <summary>A dataset from <c>GET /v1/datasets</c>, e.g. "co2".</summary>
    public string? Dataset { get; init; }
    public ArchitectureSpec? Architecture { get; init; }
    public TrainingSpec? Training { get; init; }
    /// <summary>
    /// Serve the new version once it has loaded and warmed up. False never changes what is served: the version is
    /// held (listed, not served) until it is promoted, even when it is the model's first.
    /// </summary>
    public bool Promote { get; init; } = true;
}
