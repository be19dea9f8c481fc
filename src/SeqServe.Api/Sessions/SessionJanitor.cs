using SeqServe.Core.Serving;

namespace SeqServe.Api.Sessions;

/// <summary>Frees the state of idle sessions in the background (they are also refused on access once expired).</summary>
public sealed class SessionJanitor(SessionStore store, ILogger<SessionJanitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(Math.Clamp(store.Options.IdleTimeout.TotalSeconds / 4, 1, 60));
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var purged = store.PurgeExpired();
            if (purged > 0) logger.LogInformation("Expired {Count} idle session(s); {Open} open", purged, store.Count);
        }
    }
}
