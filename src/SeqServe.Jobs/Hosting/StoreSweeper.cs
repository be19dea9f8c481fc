using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeqServe.Core.Checkpoints;
using SeqServe.Jobs.Storage;

namespace SeqServe.Jobs.Hosting;

/// <summary>
/// At start and every Storage:SweepSeconds: removes the temp folders of writers that died (a crash or
/// <c>kill -9</c> mid-training) and model folders a failed or cancelled run left empty.
/// </summary>
internal sealed class StoreSweeper(CheckpointStore store, IOptions<StorageOptions> options, ILogger<StoreSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var period = TimeSpan.FromSeconds(options.Value.SweepSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var dir in store.SweepAbandoned())
                    logger.LogInformation("Removed {Folder} from the model store: left by a writer that is gone", dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("Sweeping the model store failed ({Reason}); trying again in {Seconds} s", e.Message, period.TotalSeconds);
            }
            try { await Task.Delay(period, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }
}
