using Microsoft.EntityFrameworkCore;
 

namespace SeqServe.Jobs.Storage;

/// <summary>
/// The service's own tables (EF Core). Quartz keeps its QRTZ_* tables in the same database; both are
/// created by this context's migrations. One subclass per provider carries that provider's migrations.
/// </summary>
public abstract class JobsDb(DbContextOptions options) : DbContext(options)
{
    internal DbSet<RunRecord> Runs => Set<RunRecord>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        var run = model.Entity<RunRecord>();
        run.ToTable("runs");
        run.HasKey(r => r.Id);
        run.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        run.Property(r => r.CreatedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
        run.Property(r => r.StartedAt).HasConversion(v => v == null ? (long?)null : v.Value.ToUnixTimeMilliseconds(),
            v => v == null ? null : DateTimeOffset.FromUnixTimeMilliseconds(v.Value));
        run.Property(r => r.FinishedAt).HasConversion(v => v == null ? (long?)null : v.Value.ToUnixTimeMilliseconds(),
            v => v == null ? null : DateTimeOffset.FromUnixTimeMilliseconds(v.Value));
        run.Property(r => r.Node).HasMaxLength(200);
        run.Property(r => r.Revision).IsConcurrencyToken();
        run.HasIndex(r => r.State);
        run.HasIndex(r => r.Model);
        run.HasIndex(r => r.CreatedAt);
    }
}

/// <summary>The embedded job store: one SQLite file.</summary>
public sealed class SqliteJobsDb(DbContextOptions<SqliteJobsDb> options) : JobsDb(options);

/// <summary>The shared job store of several nodes: PostgreSQL.</summary>
public sealed class PostgresJobsDb(DbContextOptions<PostgresJobsDb> options) : JobsDb(options);
