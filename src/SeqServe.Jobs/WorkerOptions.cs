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
