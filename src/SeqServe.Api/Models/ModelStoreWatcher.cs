using Microsoft.Extensions.Options;
using SeqServe.Api.Hosting;

namespace SeqServe.Api.Models;

/// <summary>Scans the model store at start and then every Serving:ReloadSeconds: new versions appear without a restart.</summary>
public sealed class ModelStoreWatcher(ModelRegistry registry, IOptions<ServingOptions> options, ILogger<ModelStoreWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var period = TimeSpan.FromSeconds(options.Value.ReloadSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                registry.Scan();
            }
            catch (Exception e)
            {
                logger.LogError(e, "Scanning the model store failed; trying again in {Seconds} s", period.TotalSeconds);
            }
            try { await Task.Delay(period, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }
}
