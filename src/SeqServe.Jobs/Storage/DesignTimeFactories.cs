using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SeqServe.Jobs.Storage;

// Used only by `dotnet ef migrations add … --context SqliteJobsDb|PostgresJobsDb` (see Storage/Migrations/README.md).

internal sealed class SqliteJobsDbDesignFactory : IDesignTimeDbContextFactory<SqliteJobsDb>
{
    public SqliteJobsDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteJobsDb>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresJobsDbDesignFactory : IDesignTimeDbContextFactory<PostgresJobsDb>
{
    public PostgresJobsDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresJobsDb>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
