using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Training;
using SeqServe.Jobs.Storage;

namespace SeqServe.Jobs;

/// <summary>
/// Accepts, lists and cancels training runs. Accepting writes the run row and a Quartz job with
/// RequestsRecovery into the persistent job store, so an accepted run survives restarts and crashes.
/// </summary>
internal sealed class JobQueue(JobsDbFactory contexts, JobScheduler scheduling, RunWriter runs,
    ILogger<JobQueue> logger) : IJobStore
{
    public async Task<JobRun> EnqueueAsync(JobSpec spec, string model, string task, CancellationToken cancel)
    {
        var run = new RunRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            Model = model,
            Task = task,
            Dataset = spec.Dataset!,
            State = JobState.Queued,
            RequestJson = JsonSerializer.Serialize(spec with { Model = model, Task = task }, CheckpointManifest.Json),
            CreatedAt = DateTimeOffset.UtcNow,
            Message = "queued",
        };
        await using (var db = contexts.Create())
        {
            db.Runs.Add(run);
            await db.SaveChangesAsync(cancel);
        }
        await ScheduleAsync(run.Id, cancel);
        logger.LogInformation("Accepted run {JobId}: model {Model}, dataset {Dataset}", run.Id, run.Model, run.Dataset);
        return run.ToRun();
    }

    public async Task<JobRun?> GetAsync(string id, CancellationToken cancel)
    {
        await using var db = contexts.Create();
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancel);
        return run?.ToRun();
    }

    public async Task<IReadOnlyList<JobRun>> ListAsync(JobState? state, string? model, int limit, CancellationToken cancel)
    {
        await using var db = contexts.Create();
        var query = db.Runs.AsNoTracking();
        if (state is { } s) query = query.Where(r => r.State == s);
        if (model is not null) query = query.Where(r => r.Model == model);
        var rows = await query.OrderByDescending(r => r.CreatedAt).Take(limit).ToListAsync(cancel);
        return rows.Select(r => r.ToRun()).ToList();
    }

    public async Task<int> CountAsync(JobState state, CancellationToken cancel)
    {
        await using var db = contexts.Create();
        return await db.Runs.CountAsync(r => r.State == state, cancel);
    }

    public async Task<CancelOutcome> CancelAsync(string id, CancellationToken cancel)
    {
        var outcome = CancelOutcome.NotFound;
        runs.Update(id, r =>
        {
            if (r.State.IsFinished()) { outcome = CancelOutcome.AlreadyFinished; return; }
            r.CancelRequested = true;
            if (r.State == JobState.Queued)
            {
                r.State = JobState.Cancelled;
                r.FinishedAt = DateTimeOffset.UtcNow;
                r.Message = "cancelled before it started";
                outcome = CancelOutcome.Cancelled;
            }
            else
            {
                r.Message = "cancel requested; stopping after the current batch";
                outcome = CancelOutcome.CancelRequested;
            }
        });
        if (outcome == CancelOutcome.Cancelled)
        {
            var scheduler = await scheduling.GetAsync(cancel);
            await scheduler.DeleteJob(new JobKey(id, TrainingJob.Group), cancel);
        }
        if (outcome != CancelOutcome.NotFound) logger.LogInformation("Cancel of run {JobId}: {Outcome}", id, outcome);
        return outcome;
    }

    /// <summary>
    /// Makes sure every unfinished run has a Quartz job (safety net for a run row written just before a
    /// crash, or handed back at shutdown). Quartz's own recovery re-fires runs that were executing.
    /// </summary>
    public async Task<int> EnsureScheduledAsync(CancellationToken cancel)
    {
        List<string> open;
        await using (var db = contexts.Create())
            open = await db.Runs.Where(r => r.State == JobState.Queued || r.State == JobState.Running)
                .OrderBy(r => r.CreatedAt).Select(r => r.Id).ToListAsync(cancel);
        var scheduler = await scheduling.GetAsync(cancel);
        var rescheduled = 0;
        foreach (var id in open)
        {
            if (await scheduler.Exists(new JobKey(id, TrainingJob.Group), cancel)) continue;
            await ScheduleAsync(id, cancel);
            rescheduled++;
        }
        if (rescheduled > 0) logger.LogWarning("Rescheduled {Count} unfinished run(s) that had no job in the store", rescheduled);
        return rescheduled;
    }

    private async Task ScheduleAsync(string id, CancellationToken cancel)
    {
        var scheduler = await scheduling.GetAsync(cancel);
        var job = JobBuilder.Create<TrainingJob>()
            .WithIdentity(id, TrainingJob.Group)
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(id, TrainingJob.Group)
            .StartNow()
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancel);
    }
}
