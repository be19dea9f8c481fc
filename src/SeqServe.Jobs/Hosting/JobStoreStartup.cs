using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeqServe.Jobs.Storage;

namespace SeqServe.Jobs.Hosting;

/// <summary>
/// Brings the job store to the current schema before anything (Quartz included) uses it; registered
/// first. An unreachable database is retried with one clear line per attempt until
/// Storage:StartupTimeoutSeconds; then, or on an error that waiting cannot mend (wrong password, no such
/// database), start-up fails and the process exits non-zero.
/// </summary>
internal sealed class JobStoreStartup(JobsDbFactory contexts, IOptions<StorageOptions> storage, IOptions<HostingOptions> hosting,
    ILogger<JobStoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = storage.Value;
        var where = options.Describe();
        logger.LogInformation("Node {Host} starting as role {Role}; job store: {JobStore}", Environment.MachineName,
            hosting.Value.Role.ToString().ToLowerInvariant(), where);
        logger.LogInformation("Model store: {ModelsDir} (writable){Shipped}", options.ModelsDir,
            options.ShippedModelsDir is { } shipped ? $" over the shipped models in {shipped} (read-only)" : "");
        var deadline = DateTime.UtcNow.AddSeconds(options.StartupTimeoutSeconds);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = contexts.Create();
                var applied = JobStoreMigrator.Migrate(db);
                if (applied.Count > 0)
                    logger.LogInformation("Job store schema: applied {Count} migration(s): {Migrations}", applied.Count, string.Join(", ", applied));
                else logger.LogInformation("Job store schema is up to date");
                return;
            }
            catch (Exception e) when (StartupFailure.IsTransient(e) && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Job store {JobStore} not reachable (attempt {Attempt}: {Reason}); retrying until {Timeout} s have passed " +
                                  "(Storage:StartupTimeoutSeconds)", where, attempt, StartupFailure.Describe(e), options.StartupTimeoutSeconds);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var setting = options.Provider == StorageProvider.Postgres
                    ? $"ConnectionStrings:{StorageOptions.ConnectionStringName}"
                    : "Storage:DatabasePath";
                logger.LogCritical("Cannot open the job store {JobStore}: {Reason}. Check {Setting}.", where, StartupFailure.Describe(e), setting);
                throw new JobStoreUnavailableException($"cannot open the job store {where}: {StartupFailure.Describe(e)} (check {setting})");
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The job store could not be opened at start-up; the message names the setting to check.</summary>
// The cause is in the message (one line, no password); the log above has the details.
public sealed class JobStoreUnavailableException(string message) : Exception(message);
