namespace SeqServe.Core.Serving.Batching;

/// <summary>
/// How the <see cref="InferenceScheduler"/> forms batches and how many threads run them.
/// <paramref name="Enabled"/> false: each request still runs on an inference thread, as its own pass.
/// </summary>
public sealed record SchedulerSettings(
    bool Enabled = true,
    int MaxBatch = 64,
    double MaxDelayMs = 0,
    int QueueLimit = 1024,
    int InferenceThreads = 2,
    int IntraOpThreads = 1);
