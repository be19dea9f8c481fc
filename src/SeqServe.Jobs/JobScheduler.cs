using Quartz;

namespace SeqServe.Jobs;

/// <summary>
/// The one Quartz scheduler of this process, created on first use and then held, so shutting it down
/// never needs the service provider again (at host stop the provider may already be going away) and a
/// scheduler that was never created is not created just to be shut down.
/// </summary>
internal sealed class JobScheduler(ISchedulerFactory factory)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IScheduler? scheduler;

    public async Task<IScheduler> GetAsync(CancellationToken cancel)
    {
        if (scheduler is { } s) return s;
        await gate.WaitAsync(cancel);
        try { return scheduler ??= await factory.GetScheduler(cancel); }
        finally { gate.Release(); }
    }

    /// <summary>Shuts the scheduler down if this process ever created it; running jobs hand their run back first.</summary>
    public async Task ShutdownAsync(CancellationToken cancel)
    {
        if (scheduler is not { } s) return;
        await s.Shutdown(waitForJobsToComplete: true, cancel);
    }
}
