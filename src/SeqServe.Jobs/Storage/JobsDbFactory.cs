using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace SeqServe.Jobs.Storage;

/// <summary>Short-lived contexts on the configured provider (each safe to use from one thread at a time).</summary>
public sealed class JobsDbFactory
{
    private readonly Func<JobsDb> create;

    public JobsDbFactory(IOptions<StorageOptions> storage)
    {
        var options = storage.Value;
        create = options.Provider switch
        {
            StorageProvider.Postgres => Postgres(options.ConnectionString),
            _ => Sqlite(options.ConnectionString),
        };
        Provider = options.Provider;
    }

    public StorageProvider Provider { get; }

    public JobsDb Create() => create();

    public static Func<JobsDb> Sqlite(string connectionString)
    {
        var o = new DbContextOptionsBuilder<SqliteJobsDb>().UseSqlite(connectionString).Options;
        return () => new SqliteJobsDb(o);
    }

    public static Func<JobsDb> Postgres(string connectionString)
    {
        var o = new DbContextOptionsBuilder<PostgresJobsDb>()
            .UseNpgsql(connectionString, n => n.EnableRetryOnFailure(5, TimeSpan.FromSeconds(2), null)).Options;
        return () => new PostgresJobsDb(o);
    }
}
