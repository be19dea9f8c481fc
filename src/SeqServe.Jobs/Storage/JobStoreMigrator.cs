using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SeqServe.Jobs.Storage;

/// <summary>
/// Brings a job-store database to the current schema with EF Core migrations: the runs table and
/// Quartz's tables (from Quartz's own script). Safe when several nodes start at once: on PostgreSQL
/// one node at a time migrates under an advisory lock; on SQLite EF Core's lock and an immediate
/// transaction do it. A SQLite file made before migrations existed (tables made by
/// <c>EnsureCreated</c>) is adopted: its history is written as "at the first migration", then the
/// later migrations upgrade it in place.
/// </summary>
public static class JobStoreMigrator
{
    /// <summary>The first migration: exactly the runs table databases made before migrations have.</summary>
    public const string BaselineMigration = "20261201000000_Runs";

    /// <summary>The PostgreSQL advisory lock held by the node that migrates (EF Core's own lock races on a new database).</summary>
    private const long PostgresMigrationLock = 0x5EC5E12E;

    public static IReadOnlyList<string> Migrate(JobsDb db)
    {
        if (db is SqliteJobsDb)
        {
            PrepareSqlite(db);
            return MigrateNow(db);
        }
        using var connection = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
        connection.Open();
        Execute(connection, $"SELECT pg_advisory_lock({PostgresMigrationLock})");
        try { return MigrateNow(db); }
        finally { Execute(connection, $"SELECT pg_advisory_unlock({PostgresMigrationLock})"); }
    }

    private static List<string> MigrateNow(JobsDb db)
    {
        var pending = db.Database.GetPendingMigrations().ToList();
        if (pending.Count > 0) db.Database.Migrate();
        return pending;
    }

    private static void PrepareSqlite(JobsDb db)
    {
        var connectionString = db.Database.GetConnectionString()!;
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        // WAL: readers (the API) and the writer (the worker) do not block each other.
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, "PRAGMA busy_timeout=30000;");
        using var transaction = connection.BeginTransaction(deferred: false);
        if (TableExists(connection, "runs") && !TableExists(connection, HistoryRepository.DefaultTableName))
        {
            Execute(connection, $"""
                CREATE TABLE IF NOT EXISTS "{HistoryRepository.DefaultTableName}" (
                    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
                    "ProductVersion" TEXT NOT NULL);
                INSERT OR IGNORE INTO "{HistoryRepository.DefaultTableName}" ("MigrationId", "ProductVersion")
                VALUES ('{BaselineMigration}', '{EfVersion}');
                """);
        }
        transaction.Commit();
    }

    private static string EfVersion =>
        typeof(DbContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "10.0.0";

    private static bool TableExists(DbConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        var p = command.CreateParameter();
        p.ParameterName = "$name";
        p.Value = table;
        command.Parameters.Add(p);
        return Convert.ToInt64(command.ExecuteScalar()) > 0;
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
