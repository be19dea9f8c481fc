using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeqServe.Worker.Jobs;

namespace SeqServe.Worker.Hosting;

/// <summary>
/// Starts the Quartz scheduler when this node runs training (Worker:Enabled); otherwise the scheduler
/// stays in stand-by and is only used to put jobs into the persistent store for other workers.
/// On stop it lets the running job hand its run back (it is queued again) before shutting down.
/// </summary>
public sealed class SchedulerHost(JobScheduler scheduling, IOptions<WorkerOptions> options, ILogger<SchedulerHost> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled) return;
        var scheduler = await scheduling.GetAsync(cancellationToken);
        await scheduler.Start(cancellationToken);
        logger.LogInformation("Training worker started: scheduler {Scheduler}, {Jobs} job(s) at a time",
            scheduler.SchedulerName, options.Value.MaxConcurrentJobs);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Running jobs see their cancellation token fire (ShutdownJobInterruption.Always) and requeue
        // their run; the scheduler waits for them, then closes the store.
        await scheduling.ShutdownAsync(cancellationToken);
    }
}
