using System.Text.Json;

namespace SeqServe.Core.Checkpoints;

/// <summary>
/// The <c>LEASE</c> file in a version's temp folder: which process on which node is writing it. The
/// writer renews it (file time) while it trains; a folder whose lease has not been renewed for
/// <see cref="StaleAfter"/>, or whose writer process is gone (same node, same process namespace), was
/// abandoned by a dead writer and is removed by <see cref="CheckpointStore.SweepAbandoned"/>.
/// </summary>
public sealed record WriteLease(string Host, string PidNamespace, int Pid, string? ProcessStart, DateTimeOffset Since)
{
    public const string FileName = "LEASE";
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(3);

    public static WriteLease OfThisProcess() => new(Environment.MachineName, PidNamespaceOfThisProcess, Environment.ProcessId,
        ProcessStartOf(Environment.ProcessId), DateTimeOffset.UtcNow);

    public void WriteTo(string dir) =>
        File.WriteAllText(Path.Combine(dir, FileName), JsonSerializer.Serialize(this, CheckpointManifest.Json));

    /// <summary>Marks the lease as still held (the file's time is the heartbeat).</summary>
    public static void Renew(string dir)
    {
        var path = Path.Combine(dir, FileName);
        if (File.Exists(path)) File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
    }

    /// <summary>Whether the folder's writer is certainly gone.</summary>
    public static bool IsAbandoned(string dir, DateTime nowUtc)
    {
        var path = Path.Combine(dir, FileName);
        if (!File.Exists(path))
            return nowUtc - Directory.GetLastWriteTimeUtc(dir) > StaleAfter; // an older writer, or one that died at once
        if (nowUtc - File.GetLastWriteTimeUtc(path) > StaleAfter) return true;
        WriteLease? lease;
        try { lease = JsonSerializer.Deserialize<WriteLease>(File.ReadAllText(path), CheckpointManifest.Json); }
        catch (Exception e) when (e is JsonException or IOException) { return false; } // being written: not stale yet
        return lease is { ProcessStart: not null } && lease.Host == Environment.MachineName
               && lease.PidNamespace == PidNamespaceOfThisProcess && ProcessStartOf(lease.Pid) != lease.ProcessStart;
    }

    /// <summary>
    /// When the process started, exactly as the kernel counts it (field 22 of /proc/PID/stat, clock ticks
    /// since boot): with the pid it names one process for good, where a reused pid has another start.
    /// Null when there is no such process (or no /proc: then only a stale lease counts), and when it is a
    /// zombie: a killed writer whose parent died too stays a zombie until some ancestor reaps it, which a
    /// container's init may never do, yet it writes nothing any more.
    /// </summary>
    public static string? ProcessStartOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields[0] is "Z" or "X" or "x") return null; // zombie or dead: exited, only its entry is left
            return fields.Length > 19 ? fields[19] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>Process ids mean the same thing only inside one pid namespace (containers on one host share a host name).</summary>
    private static readonly string PidNamespaceOfThisProcess = ReadPidNamespace();

    private static string ReadPidNamespace()
    {
        try { return new FileInfo("/proc/self/ns/pid").LinkTarget ?? "unknown"; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return "unknown"; }
    }
}
