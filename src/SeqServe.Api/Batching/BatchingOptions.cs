using System.ComponentModel.DataAnnotations;

namespace SeqServe.Api.Batching;

/// <summary>Server-side dynamic batching (section "Serving:Batching"); the thread counts are Serving:InferenceThreads and Serving:IntraOpThreads.</summary>
public sealed class BatchingOptions
{
    public const string Section = "Serving:Batching";

    /// <summary>false: every request still runs on an inference thread, but as its own forward pass.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Most items (texts, sentences, sequences) in one forward pass.</summary>
    [Range(1, 4096)] public int MaxBatch { get; set; } = 64;

    /// <summary>How long the oldest waiting item may wait for more to join its batch (0: take what is queued when a thread is free).</summary>
    [Range(0, 1000)] public double MaxDelayMs { get; set; } = 0;

    /// <summary>Items waiting per model; a request that does not fit answers 429 with Retry-After.</summary>
    [Range(1, 1_000_000)] public int QueueLimit { get; set; } = 1024;
}
