using System.ComponentModel.DataAnnotations;

namespace SeqServe.Jobs;

/// <summary>The training worker (section "Worker"). Whether a node trains at all is its role (Hosting:Role).</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Training jobs one worker runs at once (each uses all torch threads).</summary>
    [Range(1, 16)] public int MaxConcurrentJobs { get; set; } = 1;

    /// <summary>How often an idle worker looks for jobs scheduled by other nodes (Quartz needs at least 1 s).</summary>
    [Range(1, 60)] public double PollSeconds { get; set; } = 2;

    /// <summary>How often a running job checks whether it was asked to cancel.</summary>
    [Range(0.05, 30)] public double CancelCheckSeconds { get; set; } = 0.5;

    /// <summary>How often progress (step counts) is written to the run; epochs are written at once.</summary>
    [Range(0.1, 60)] public double ProgressWriteSeconds { get; set; } = 1;

    /// <summary>Train each run in a child process of this build (crash, out-of-memory and cancel isolation). false: in this process.</summary>
    public bool IsolateRuns { get; set; } = true;

    /// <summary>How long a child training process gets after SIGTERM (cancel, shutdown) before it is killed.</summary>
    [Range(0.5, 600)] public double ChildGraceSeconds { get; set; } = 10;

    /// <summary>Extra environment variables for child training processes (e.g. OMP_NUM_THREADS, DOTNET_GCHeapHardLimit).</summary>
    public Dictionary<string, string> ChildEnvironment { get; set; } = [];

    /// <summary>A run that has been started this many times (each start killed by a crash of its node) is failed, ending a crash loop.</summary>
    [Range(1, 100)] public int MaxAttempts { get; set; } = 3;

    /// <summary>A job whose estimated memory (training data, one batch's activations, parameters) is above this is a 400.</summary>
    [Range(64, 1_048_576)] public double MaxJobMemoryMB { get; set; } = 8192;

    /// <summary>A job whose time budget (training.maxMinutes, or its recipe's default) is above this is a 400.</summary>
    [Range(1, 10_080)] public double MaxJobMinutes { get; set; } = 360;

    public SeqServe.Core.Training.JobLimits Limits => new(MaxJobMemoryMB, MaxJobMinutes);

    /// <summary>Queued (not yet running) training jobs over all keys; past it POST /v1/jobs is a 429.</summary>
    [Range(1, 1_000_000)] public int MaxQueuedJobs { get; set; } = 200;

    /// <summary>
    /// PostgreSQL (clustered) only: how often this node records in the database that it is alive. A node
    /// that misses its check-in by more than <see cref="CheckinMisfireSeconds"/> is taken for dead and
    /// its running jobs are re-run by a live node.
    /// </summary>
    [Range(1, 600)] public double CheckinSeconds { get; set; } = 10;

    /// <summary>PostgreSQL (clustered) only: grace past a missed check-in before a node is taken for dead.</summary>
    [Range(1, 600)] public double CheckinMisfireSeconds { get; set; } = 10;

    /// <summary>
    /// The Quartz scheduler name, shared by every node of one cluster. Default: <c>seqserve</c> on
    /// PostgreSQL; on SQLite a name derived from the database file (as before, so existing schedules stay).
    /// </summary>
    [RegularExpression(@"\A[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\z")] public string? SchedulerName { get; set; }
}
