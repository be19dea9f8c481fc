using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Training;

namespace SeqServe.Jobs;

/// <summary>
/// The Quartz job that executes one training run. Quartz owns dispatch and crash recovery
/// (RequestsRecovery); the run row owns state, progress, metrics and errors. A run found Running when
/// it starts was interrupted (crash, restart, or a dead cluster node) and is trained again from the
/// beginning. One run never executes twice at once: each run is its own Quartz job, and Quartz's
/// clustered store lets one node at a time hold it.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class TrainingJob(RunWriter runs, TrainingRunner runner, IOptions<WorkerOptions> options, ILogger<TrainingJob> logger)
    : IJob
{
    public const string Group = "training";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var runId = context.JobDetail.Key.Name;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = runId });
        var run = runs.Find(runId);
        if (run is null || run.State.IsFinished())
        {
            logger.LogInformation("Run {JobId} is {State}; nothing to do", runId, run?.State.ToString() ?? "unknown");
            return ValueTask.CompletedTask;
        }
        if (run.CancelRequested)
        {
            Finish(runId, JobState.Cancelled, "cancelled before it started");
            return ValueTask.CompletedTask;
        }

        var spec = JsonSerializer.Deserialize<JobSpec>(run.RequestJson, CheckpointManifest.Json)!;
        var resumed = run.State == JobState.Running || context.Recovering;
        var node = context.Scheduler.SchedulerInstanceId;
        runs.Update(runId, r =>
        {
            r.State = JobState.Running;
            r.Node = node;
            r.StartedAt = DateTimeOffset.UtcNow;
            r.Attempts++;
            r.Step = 0;
            r.Epoch = 0;
            r.MetricsJson = "[]";
            r.Message = resumed ? $"interrupted earlier (restart or crash); training again, attempt {r.Attempts}" : "started";
        });
        using var modelScope = logger.BeginScope(new Dictionary<string, object> { ["Model"] = run.Model, ["Dataset"] = run.Dataset });
        logger.LogInformation("Run {JobId} started{Resumed} on node {Node}: model {Model}, dataset {Dataset}", runId,
            resumed ? " again after an interruption" : "", node, run.Model, run.Dataset);

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, cancellationToken);
        using var watch = new Timer(_ =>
        {
            try { if (runs.Find(runId)?.CancelRequested == true) cancel.Cancel(); }
            catch (Exception e) { logger.LogWarning(e, "Could not check run {JobId} for cancellation", runId); }
        }, null, TimeSpan.Zero, TimeSpan.FromSeconds(options.Value.CancelCheckSeconds));

        var listener = new JobProgressListener(runId, runs, logger, TimeSpan.FromSeconds(options.Value.ProgressWriteSeconds));
        try
        {
            var manifest = runner.Run(spec, listener, cancel.Token, runId);
            runs.Update(runId, r =>
            {
                r.State = JobState.Succeeded;
                r.FinishedAt = DateTimeOffset.UtcNow;
                r.Version = manifest.Version;
                r.ResultMetricsJson = JsonSerializer.Serialize(manifest.Metrics, CheckpointManifest.Json);
                r.MetricsJson = JsonSerializer.Serialize(manifest.History, CheckpointManifest.Json);
                r.Message = $"wrote version {manifest.Version} ({manifest.StopReason})";
            });
            logger.LogInformation("Run {JobId} succeeded: {Model}/{Version}", runId, run.Model, manifest.Version);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested || cancellationToken.IsCancellationRequested)
        {
            // The worker is shutting down: hand the run back; the next worker start schedules it again.
            runs.Update(runId, r =>
            {
                r.State = JobState.Queued;
                r.Message = "worker stopped during training; queued to run again";
            });
            logger.LogWarning("Run {JobId} interrupted by shutdown; it will run again", runId);
        }
        catch (OperationCanceledException)
        {
            Finish(runId, JobState.Cancelled, "cancelled during training; no version was written");
        }
        catch (Exception e)
        {
            logger.LogError(e, "Run {JobId} failed", runId);
            Finish(runId, JobState.Failed, "failed", e.Message);
        }
        return ValueTask.CompletedTask;
    }

    private void Finish(string runId, JobState state, string message, string? error = null)
    {
        runs.Update(runId, r =>
        {
            r.State = state;
            r.FinishedAt = DateTimeOffset.UtcNow;
            r.Message = message;
            r.Error = error;
        });
        logger.LogInformation("Run {JobId} {State}: {Message}", runId, state, error ?? message);
    }
}
