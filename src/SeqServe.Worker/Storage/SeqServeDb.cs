using Microsoft.EntityFrameworkCore;
using SeqServe.Worker.Jobs;

namespace SeqServe.Worker.Storage;

/// <summary>The service's own tables (EF Core). Quartz keeps its QRTZ_* tables in the same database.</summary>
public sealed class SeqServeDb(DbContextOptions<SeqServeDb> options) : DbContext(options)
{
    public DbSet<JobRun> Runs => Set<JobRun>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        var run = model.Entity<JobRun>();
        run.ToTable("runs");
        run.HasKey(r => r.Id);
        run.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        run.Property(r => r.CreatedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
        run.Property(r => r.StartedAt).HasConversion(v => v == null ? (long?)null : v.Value.ToUnixTimeMilliseconds(),
            v => v == null ? null : DateTimeOffset.FromUnixTimeMilliseconds(v.Value));
        run.Property(r => r.FinishedAt).HasConversion(v => v == null ? (long?)null : v.Value.ToUnixTimeMilliseconds(),
            v => v == null ? null : DateTimeOffset.FromUnixTimeMilliseconds(v.Value));
        run.HasIndex(r => r.State);
        run.HasIndex(r => r.Model);
        run.HasIndex(r => r.CreatedAt);
    }
}
