using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeqServe.Worker.Storage;

namespace SeqServe.Worker.Hosting;

/// <summary>Creates the database before anything (Quartz included) uses it. Registered first.</summary>
public sealed class DatabaseStartup(IDbContextFactory<SeqServeDb> contexts, IOptions<StorageOptions> storage,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        using var db = contexts.CreateDbContext();
        DatabaseInitializer.Initialize(db, storage.Value.ConnectionString);
        logger.LogInformation("Job store: SQLite database {Database}", storage.Value.DatabaseFile);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
