using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Training;
using SeqServe.Jobs.Storage;

namespace SeqServe.Jobs.Hosting;

/// <summary>
/// The child side of an isolated run (<c>run-job ID --result FILE</c>): trains the run with its
/// recipe, writes progress to the run row, commits the checkpoint and writes the manifest to FILE. It
/// never decides the run's final state: its supervisor does, from the exit code. SIGTERM cancels
/// training between batches (exit 130, no version written).
/// </summary>
public static class ChildRun
{
    public const string Verb = "run-job";
    /// <summary>"PID:START" of the supervising worker; a child whose supervisor is gone (killed with SIGKILL) stops.</summary>
    public const string SupervisorVariable = "SEQSERVE_SUPERVISOR";

    /// <summary>The exit code of a child whose run ran out of memory.</summary>
    public const int OutOfMemoryExit = 3;

    public static bool Is(string[] args) => args.Length > 0 && args[0] == Verb;

    public static int Main(string[] args)
    {
        if (args.Length < 4 || args[2] != "--result")
        {
            Console.Error.WriteLine($"usage: {Verb} RUN-ID --result FILE");
            return 2;
        }
        var (runId, resultFile) = (args[1], args[3]);
        var builder = HostSetup.CreateTrainingHost(args[4..]);
        builder.Services.AddOptions<WorkerOptions>().Bind(builder.Configuration.GetSection(WorkerOptions.Section));
        builder.Services.AddSingleton<JobsDbFactory>();
        builder.Services.AddSingleton<RunWriter>();
        using var host = builder.Build();
        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SeqServe.Jobs.ChildRun");
        var runs = host.Services.GetRequiredService<RunWriter>();
        var worker = host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value;

        using var cancel = new CancellationTokenSource();
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            cancel.Cancel();
        });
        using var orphaned = WatchSupervisor(cancel, log);
        using var scope = log.BeginScope(new Dictionary<string, object> { ["JobId"] = runId });
        var run = runs.Find(runId);
        if (run is null)
        {
            log.LogError("Run {JobId} does not exist", runId);
            return 2;
        }
        var spec = JsonSerializer.Deserialize<JobSpec>(run.RequestJson, CheckpointManifest.Json)!;
        using var modelScope = log.BeginScope(new Dictionary<string, object> { ["Model"] = run.Model, ["Dataset"] = run.Dataset });
        try
        {
            var listener = new JobProgressListener(runId, runs, log, TimeSpan.FromSeconds(worker.ProgressWriteSeconds));
            var manifest = host.Services.GetRequiredService<TrainingRunner>().Run(spec, listener, cancel.Token, runId);
            File.WriteAllText(resultFile, JsonSerializer.Serialize(manifest, CheckpointManifest.Json));
            return 0;
        }
        catch (OperationCanceledException)
        {
            log.LogWarning("Run {JobId} stopped on request; no version was written", runId);
            return 130;
        }
        catch (OutOfMemoryException e)
        {
            log.LogError(e, "Run {JobId} ran out of memory", runId);
            return OutOfMemoryExit;
        }
        catch (Exception e)
        {
            log.LogError(e, "Run {JobId} failed: {Reason}", runId, e.Message);
            return 1;
        }
    }

    /// <summary>Cancels the run when the supervising process is gone: nobody would record its end, and its node will re-run it.</summary>
    private static Timer? WatchSupervisor(CancellationTokenSource cancel, ILogger log)
    {
        if (Environment.GetEnvironmentVariable(SupervisorVariable)?.Split(':') is not [var pidText, var start] || !int.TryParse(pidText, out var pid))
            return null;
        return new Timer(_ =>
        {
            if (WriteLease.ProcessStartOf(pid) == start || cancel.IsCancellationRequested) return;
            log.LogWarning("The worker process {Pid} that started this run is gone; stopping", pid);
            cancel.Cancel();
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }
}
