using SeqServe.Jobs;

namespace SeqServe.Api.Jobs;

/// <summary>Event <c>state</c>: the run's state changed (always the first event).</summary>
public sealed record JobStateEvent(string State, string? Message, string? Version, string? Error,
    IReadOnlyDictionary<string, double>? TestMetrics);

/// <summary>
/// Event <c>progress</c>: where a running run is. Elapsed and ETA in seconds since the attempt started
/// (the ETA assumes every epoch runs; early stopping ends sooner). Loss is the epoch's mean training loss so far.
/// </summary>
public sealed record JobProgressEvent(int Epoch, int Epochs, int Step, int StepsPerEpoch, double ElapsedSeconds,
    double? EtaSeconds, double? Loss);

/// <summary>
/// Event <c>served</c> (the last event of a promoting run that succeeded): whether the produced version now
/// answers predictions. False, with a detail, when it failed to load or was not served in time.
/// </summary>
public sealed record JobServedEvent(string Model, string Version, bool Served, string? Detail);

public static class JobEventContracts
{
    public static JobStateEvent State(JobRun run) => new(run.State.ToString(), run.Message, run.Version, run.Error,
        JobContracts.ToResource(run).TestMetrics);

    public static JobProgressEvent Progress(JobRun run, DateTimeOffset now)
    {
        var elapsed = run.StartedAt is { } started ? Math.Max(0, (now - started).TotalSeconds) : 0;
        var total = (double)run.Epochs * run.StepsPerEpoch;
        var done = (run.Epoch - 1) * (double)run.StepsPerEpoch + run.Step;
        double? eta = total > 0 && done > 0 ? elapsed * (total - Math.Min(done, total)) / done : null;
        return new JobProgressEvent(run.Epoch, run.Epochs, run.Step, run.StepsPerEpoch, elapsed, eta, run.Loss);
    }
}
