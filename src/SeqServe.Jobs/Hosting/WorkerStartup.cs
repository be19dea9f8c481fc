using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeqServe.Core.Runtime;
using SeqServe.Jobs;

namespace SeqServe.Jobs.Hosting;

/// <summary>At start: logs the runtime tuning and reschedules unfinished runs that lost their job.</summary>
internal sealed class WorkerStartup(JobQueue queue, IOptions<HostingOptions> hosting, IOptions<WorkerOptions> options, ILogger<WorkerStartup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runtime = NativeRuntime.Current ?? NativeRuntime.Configure(new RuntimeSettings());
        logger.LogInformation("Torch runtime: {Allocator}, {IntraOp} intra-op / {InterOp} inter-op threads; worker {Worker}",
            runtime.Allocator, runtime.IntraOpThreads, runtime.InterOpThreads,
            hosting.Value.Trains ? $"on, {options.Value.MaxConcurrentJobs} job(s) at a time" : "off (this node only accepts jobs)");
        try
        {
            await queue.EnsureScheduledAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not check unfinished runs at start-up");
        }
    }
}
