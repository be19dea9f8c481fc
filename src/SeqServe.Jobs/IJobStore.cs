using SeqServe.Core.Training;

namespace SeqServe.Jobs;

public enum CancelOutcome { NotFound, AlreadyFinished, Cancelled, CancelRequested }

/// <summary>
/// What the hosts see of the job store: accept, read, list and cancel training runs. An accepted run is
/// durable (its row and its Quartz job are in the database before this returns).
/// </summary>
public interface IJobStore
{
    Task<JobRun> EnqueueAsync(JobSpec spec, string model, string task, CancellationToken cancel);
    Task<JobRun?> GetAsync(string id, CancellationToken cancel);
    Task<IReadOnlyList<JobRun>> ListAsync(JobState? state, string? model, int limit, CancellationToken cancel);
    Task<CancelOutcome> CancelAsync(string id, CancellationToken cancel);
    /// <summary>Runs in one state; throws when the database cannot be reached (the readiness probe).</summary>
    Task<int> CountAsync(JobState state, CancellationToken cancel);
}
