using System.ComponentModel.DataAnnotations;

namespace SeqServe.Worker.Jobs;

/// <summary>The training worker (section "Worker").</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Run training jobs in this process. false: this node only accepts and schedules jobs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Training jobs one worker runs at once (each uses all torch threads).</summary>
    [Range(1, 16)] public int MaxConcurrentJobs { get; set; } = 1;

    /// <summary>How often an idle worker looks for jobs scheduled by other nodes (Quartz needs at least 1 s).</summary>
    [Range(1, 60)] public double PollSeconds { get; set; } = 2;

    /// <summary>How often a running job checks whether it was asked to cancel.</summary>
    [Range(0.05, 30)] public double CancelCheckSeconds { get; set; } = 0.5;

    /// <summary>How often progress (step counts) is written to the run; epochs are written at once.</summary>
    [Range(0.1, 60)] public double ProgressWriteSeconds { get; set; } = 1;
}
