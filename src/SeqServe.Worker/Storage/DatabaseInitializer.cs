using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SeqServe.Worker.Storage;

/// <summary>
/// Creates the database file and the service's own tables when missing, and switches SQLite to WAL so
/// readers (API) and the writer (worker) do not block each other. Quartz provisions its QRTZ_* tables itself.
/// </summary>
public static class DatabaseInitializer
{
    public static void Initialize(SeqServeDb db, string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (Path.GetDirectoryName(file) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }
        // EnsureCreated only creates tables in a database that has none; create ours explicitly otherwise.
        if (!db.Database.EnsureCreated())
            db.Database.ExecuteSqlRaw(RunsTableIfMissing(db));
    }

    private static string RunsTableIfMissing(SeqServeDb db) =>
        db.Database.GenerateCreateScript()
            .Replace("CREATE TABLE \"", "CREATE TABLE IF NOT EXISTS \"")
            .Replace("CREATE INDEX \"", "CREATE INDEX IF NOT EXISTS \"");
}
