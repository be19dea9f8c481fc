using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SeqServe.Api.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the tests that need one: initdb into a temp folder, started on a free
/// loopback port, stopped and removed at the end. Run as the <c>postgres</c> user when the tests run
/// as root (PostgreSQL refuses to run as root). Each test takes a database of its own.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string dataDir = "";
    private string binDir = "";
    private bool asPostgresUser;
    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        binDir = FindBinDir();
        asPostgresUser = Environment.UserName == "root";
        dataDir = Path.Combine(Path.GetTempPath(), $"seqserve-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        if (asPostgresUser) await Run("chown", ["postgres:postgres", dataDir], asUser: false);
        Port = FreePort();
        await Run(Path.Combine(binDir, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        await Run(Path.Combine(binDir, "pg_ctl"), ["-D", dataDir, "-l", Path.Combine(dataDir, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300",
            "start"]);
    }

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..20];
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Pooling=true;Timeout=15";

    /// <summary>Stops the server the hard way and starts it again on the same port and data (a database restart under load).</summary>
    public async Task RestartAsync()
    {
        await Run(Path.Combine(binDir, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
        await Run(Path.Combine(binDir, "pg_ctl"), ["-D", dataDir, "-l", Path.Combine(dataDir, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300",
            "start"]);
    }

    public async Task DisposeAsync()
    {
        try { await Run(Path.Combine(binDir, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"]); }
        catch (InvalidOperationException) { }
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string FindBinDir()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).ToList()
            : [];
        return candidates.FirstOrDefault() ?? throw new InvalidOperationException(
            "PostgreSQL server programs (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin. " +
            "Install Debian's 'postgresql' package; ./seqserve test does so itself when it runs as root.");
    }

    private async Task Run(string program, string[] args, bool asUser = true)
    {
        var info = asUser && asPostgresUser
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", "postgres", "--", program } }
            : new ProcessStartInfo(program);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.WorkingDirectory = Path.GetTempPath();
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', args)} exited {p.ExitCode}: {await error}{await output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
