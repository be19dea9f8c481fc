using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using SeqServe.Worker.Jobs;

namespace SeqServe.Worker.Hosting;

/// <summary>
/// Starts the Quartz scheduler when this node runs training (Worker:Enabled); otherwise the scheduler
/// stays in stand-by and is only used to put jobs into the persistent store for other workers.
/// On stop it lets the running job hand its run back (it is queued again) before shutting down.
/// </summary>
public sealed class SchedulerHost(ISchedulerFactory schedulers, IOptions<WorkerOptions> options, ILogger<SchedulerHost> logger)
    : IHostedService
{
    private IScheduler? started;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled) return;
        started = await schedulers.GetScheduler(cancellationToken);
        await started.Start(cancellationToken);
        logger.LogInformation("Training worker started: scheduler {Scheduler}, {Jobs} job(s) at a time",
            started.SchedulerName, options.Value.MaxConcurrentJobs);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Running jobs see their cancellation token fire (ShutdownJobInterruption.Always) and requeue
        // their run; the scheduler waits for them, then closes the store.
        var scheduler = started ?? await schedulers.GetScheduler(cancellationToken);
        await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
    }
}
