using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeqServe.Core.Checkpoints;

namespace SeqServe.Jobs;

/// <summary>How to start this build again as a child that trains one run (<c>… run-job ID --result FILE</c>).</summary>
public sealed record ChildCommand(string FileName, IReadOnlyList<string> Arguments);

/// <summary>A child training process that ended without a result: its exit code or signal, and its last lines.</summary>
public sealed class ChildRunFailedException(string message) : Exception(message);

/// <summary>
/// Runs one training run in a child process of the same build and supervises it: the child trains,
/// writes progress to the run row and the checkpoint to the store; a crash, an out-of-memory kill or a
/// hang in native code ends only the child. Cancel and shutdown send SIGTERM, then SIGKILL after
/// Worker:ChildGraceSeconds. Memory goes back to the operating system when the child exits, and each
/// run has its own process-wide torch state (random generator, threads).
/// </summary>
internal sealed class ChildRunner(ChildCommand command, IConfiguration configuration, IOptions<WorkerOptions> options,
    IOptions<Storage.StorageOptions> storage, CheckpointStore store, ILogger<ChildRunner> logger)
{
    /// <summary>The sections a child needs, handed down as environment variables (Section__Key=value).</summary>
    private static readonly string[] Inherited = ["Storage", "ConnectionStrings", "Runtime", "Serilog", "Hosting", "Worker"];
    private const int TailLines = 20;

    public CheckpointManifest Run(string runId, CancellationToken cancel)
    {
        var result = Path.Combine(Path.GetTempPath(), $"seqserve-run-{runId}-{Guid.NewGuid():N}.json");
        var info = new ProcessStartInfo(command.FileName)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var a in command.Arguments) info.ArgumentList.Add(a);
        foreach (var a in new[] { "run-job", runId, "--result", result }) info.ArgumentList.Add(a);
        foreach (var (key, value) in configuration.AsEnumerable())
            if (value is not null && Inherited.Any(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)))
                info.Environment[key.Replace(":", "__")] = value;
        info.Environment["Storage__Root"] = storage.Value.RootDir; // the same folders, wherever the child starts
        info.Environment["Hosting__Role"] = "worker";
        info.Environment[Hosting.ChildRun.SupervisorVariable] = $"{Environment.ProcessId}:{WriteLease.ProcessStartOf(Environment.ProcessId)}";
        foreach (var (key, value) in options.Value.ChildEnvironment) info.Environment[key] = value;

        var tail = new ConcurrentQueue<string>();
        using var child = Process.Start(info) ?? throw new ChildRunFailedException("could not start the training process");
        logger.LogInformation("Run {JobId} trains in child process {Pid}", runId, child.Id);
        void Forward(string? line)
        {
            if (line is null) return;
            Console.Out.WriteLine(line); // the child's log lines join this node's log as they are
            tail.Enqueue(line);
            while (tail.Count > TailLines) tail.TryDequeue(out _);
        }
        child.OutputDataReceived += (_, e) => Forward(e.Data);
        child.ErrorDataReceived += (_, e) => Forward(e.Data);
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();

        using (cancel.Register(() => Stop(child)))
            child.WaitForExit();
        // A child that was killed could not remove its temp folder: its process is gone, so the sweep does now.
        if (child.ExitCode != 0) store.SweepAbandoned();
        try
        {
            cancel.ThrowIfCancellationRequested();
            if (child.ExitCode == 0 && File.Exists(result))
                return JsonSerializer.Deserialize<CheckpointManifest>(File.ReadAllText(result), CheckpointManifest.Json)!;
            throw new ChildRunFailedException($"the training process {Describe(child.ExitCode)}. Its last lines:\n{string.Join('\n', tail)}");
        }
        finally
        {
            File.Delete(result);
        }
    }

    private void Stop(Process child)
    {
        try
        {
            if (child.HasExited) return;
            _ = Signal(child.Id, SigTerm);
            if (!child.WaitForExit(TimeSpan.FromSeconds(options.Value.ChildGraceSeconds)))
            {
                logger.LogWarning("Training process {Pid} did not stop within {Seconds} s of SIGTERM; killing it", child.Id, options.Value.ChildGraceSeconds);
                child.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException) { /* already gone */ }
    }

    private static string Describe(int exitCode) => exitCode switch
    {
        Hosting.ChildRun.OutOfMemoryExit => "ran out of memory",
        137 => "was killed (SIGKILL: out of memory, or killed by hand)",
        134 => "aborted (SIGABRT: a native crash or an unhandled error)",
        139 => "crashed (SIGSEGV in native code)",
        > 128 and < 160 => $"was killed by signal {exitCode - 128}",
        _ => $"exited with code {exitCode}",
    };

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);
}
