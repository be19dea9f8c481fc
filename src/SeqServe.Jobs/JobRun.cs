namespace SeqServe.Jobs;

/// <summary>A training run as the job store hands it out: a snapshot, safe to keep and share.</summary>
public sealed record JobRun(
    string Id, string Model, string Task, string Dataset, JobState State, string RequestJson,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    int Epoch, int Epochs, int Step, int StepsPerEpoch,
    string MetricsJson, string? ResultMetricsJson, string? Version, string? Error, bool CancelRequested,
    int Attempts, string? Message, long Revision, string? Node, string? SubmittedBy,
    double? Loss = null);
