using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeqServe.Jobs.Storage;

namespace SeqServe.Jobs.Hosting;

/// <summary>
/// Starts the Quartz scheduler when this node's role trains; otherwise the scheduler stays in
/// stand-by and is only used to put jobs into the persistent store for the workers. On stop it lets
/// the running job hand its run back (it is queued again) before shutting down.
/// </summary>
internal sealed class SchedulerHost(JobScheduler scheduling, IOptions<HostingOptions> hosting, IOptions<WorkerOptions> options,
    IOptions<StorageOptions> storage, ILogger<SchedulerHost> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!hosting.Value.Trains) return;
        var scheduler = await scheduling.GetAsync(cancellationToken);
        await scheduler.Start(cancellationToken);
        var clustered = storage.Value.Provider == StorageProvider.Postgres;
        logger.LogInformation("Training worker started: scheduler {Scheduler}, node {Node}, {Jobs} job(s) at a time{Cluster}",
            scheduler.SchedulerName, scheduler.SchedulerInstanceId, options.Value.MaxConcurrentJobs,
            clustered ? $", clustered (check-in every {options.Value.CheckinSeconds} s)" : "");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Running jobs see their cancellation token fire (ShutdownJobInterruption.Always) and requeue
        // their run; the scheduler waits for them, then closes the store.
        await scheduling.ShutdownAsync(cancellationToken);
    }
}
