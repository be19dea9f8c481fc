namespace SeqServe.Jobs;

/// <summary>
/// The row of a training run (EF entity, table <c>runs</c>): the service's own record of a job. Quartz
/// only dispatches; this row is the truth users see. Outside this library runs are <see cref="JobRun"/>s.
/// </summary>
internal sealed class RunRecord
{
    public required string Id { get; set; }
    public required string Model { get; set; }
    public required string Task { get; set; }
    public required string Dataset { get; set; }
    public JobState State { get; set; }
    /// <summary>The request as accepted (JSON of <see cref="SeqServe.Core.Training.JobSpec"/>).</summary>
    public required string RequestJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Epoch { get; set; }
    public int Epochs { get; set; }
    public int Step { get; set; }
    public int StepsPerEpoch { get; set; }
    /// <summary>The training loss of the latest reported batch (null before the first).</summary>
    public double? Loss { get; set; }
    /// <summary>JSON array of per-epoch metrics, appended as epochs finish.</summary>
    public string MetricsJson { get; set; } = "[]";
    /// <summary>JSON object of the held-out metrics of the produced version.</summary>
    public string? ResultMetricsJson { get; set; }
    public string? Version { get; set; }
    public string? Error { get; set; }
    public bool CancelRequested { get; set; }
    /// <summary>How many times a worker started it (more than one after a crash or restart).</summary>
    public int Attempts { get; set; }
    /// <summary>The latest human-readable note ("fetching dataset", "resumed after restart", …).</summary>
    public string? Message { get; set; }
    /// <summary>Bumped on every change; lets event streams notice updates cheaply.</summary>
    public long Revision { get; set; }
    /// <summary>The worker node (Quartz instance id) that started the latest attempt.</summary>
    public string? Node { get; set; }
    /// <summary>The name of the API key that submitted it (null: no key, e.g. the train command or an old run).</summary>
    public string? SubmittedBy { get; set; }

    public JobRun ToRun() => new(Id, Model, Task, Dataset, State, RequestJson, CreatedAt, StartedAt, FinishedAt,
        Epoch, Epochs, Step, StepsPerEpoch, MetricsJson, ResultMetricsJson, Version, Error, CancelRequested,
        Attempts, Message, Revision, Node, SubmittedBy, Loss);
}
