using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Jobs.Storage;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Cluster;

[Collection(PostgresCollection.Name)]
public class JobStoreMigrationTests(PostgresServer postgres)
{
    private static readonly string[] Migrations =
        ["20261201000000_Runs", "20261201000100_QuartzTables", "20261201000200_RunNode", "20261201000300_RunSubmitter", "20261201000400_RunLoss"];

    [Fact]
    public async Task Migrations_create_the_runs_table_and_Quartz_tables_on_PostgreSQL_even_when_nodes_start_at_once()
    {
        var cs = await postgres.CreateDatabaseAsync();
        var create = JobsDbFactory.Postgres(cs);
        // Four nodes starting at the same moment: EF Core's migration lock lets one apply, the others wait.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            using var db = create();
            JobStoreMigrator.Migrate(db);
        })));

        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        var tables = await Strings(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        Assert.Contains("runs", tables);
        foreach (var quartz in new[] { "qrtz_job_details", "qrtz_triggers", "qrtz_simple_triggers", "qrtz_fired_triggers", "qrtz_scheduler_state", "qrtz_locks" })
            Assert.Contains(quartz, tables);
        Assert.Contains("Node", await Strings(connection, "SELECT column_name FROM information_schema.columns WHERE table_name = 'runs'"));
        Assert.Equal(Migrations, await Strings(connection, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY 1"));
    }

    [Fact]
    public async Task Migrations_create_a_new_SQLite_job_store()
    {
        using var root = new TempDir();
        var cs = $"Data Source={Path.Combine(root.Path, "data", "jobs.db")}";
        using (var db = JobsDbFactory.Sqlite(cs)()) JobStoreMigrator.Migrate(db);
        await using var connection = new SqliteConnection(cs);
        await connection.OpenAsync();
        var tables = await Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table'");
        Assert.Contains("runs", tables);
        Assert.Contains("QRTZ_TRIGGERS", tables, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(Migrations, await Strings(connection, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY 1"));
    }

    [Fact]
    public async Task A_job_store_made_before_migrations_is_upgraded_in_place_and_its_queued_runs_still_run()
    {
        using var root = new TempDir();
        Directory.CreateDirectory(Path.Combine(root.Path, "data"));
        var file = Path.Combine(root.Path, "data", "seqserve.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Cluster", "Data", "wave1-seqserve.db"), file);
        var before = await Runs($"Data Source={file}");
        Assert.Equal(7, before.Count);

        await using var app = new SeqServeFactory(root.Path);
        var client = app.CreateClient();
        // Nothing lost: every run is listed with the state it had.
        var (_, listed) = await client.Get("/v1/jobs");
        var states = listed!.AsArray().ToDictionary(j => j!["id"]!.GetValue<string>(), j => j!["state"]!.GetValue<string>());
        foreach (var run in before.Where(r => r.State != "Queued")) Assert.Equal(run.State, states[run.Id]);

        // The run a worker handed back (a long sine-cosine) is cancelled; the never-started one trains.
        var handedBack = before.Single(r => r.Model == "sine-old" && r.State == "Queued").Id;
        var neverStarted = before.Single(r => r.Model == "hello-ohlol" && r.State == "Queued").Id;
        await client.Post($"/v1/jobs/{handedBack}/cancel", null);
        var done = await client.WaitForJob(neverStarted, "Succeeded");
        Assert.NotNull(done["version"]?.GetValue<string>());
        Assert.Equal("Cancelled", (await client.WaitForJob(handedBack, "Cancelled"))["state"]!.GetValue<string>());

        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        Assert.Equal(Migrations, await Strings(connection, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY 1"));
        Assert.Contains("Node", await Strings(connection, "SELECT name FROM pragma_table_info('runs')"));
    }

    private static async Task<List<(string Id, string Model, string State)>> Runs(string cs)
    {
        await using var connection = new SqliteConnection(cs);
        await connection.OpenAsync();
        await using var command = new SqliteCommand("SELECT Id, Model, State FROM runs", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var runs = new List<(string, string, string)>();
        while (await reader.ReadAsync()) runs.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return runs;
    }

    private static async Task<List<string>> Strings(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
