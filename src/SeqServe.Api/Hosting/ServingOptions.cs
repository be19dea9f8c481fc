using System.ComponentModel.DataAnnotations;

namespace SeqServe.Api.Hosting;

/// <summary>Serving limits and the model store watcher (section "Serving"). Requests past a limit get a 400 naming it.</summary>
public sealed class ServingOptions
{
    public const string Section = "Serving";

    /// <summary>Largest request body accepted (413 beyond).</summary>
    [Range(1024, 256L * 1024 * 1024)] public long MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most sequences / texts / sentences in one prediction request.</summary>
    [Range(1, 10_000)] public int MaxBatch { get; set; } = 64;

    /// <summary>Most steps in one input sequence (and most history values for a forecast).</summary>
    [Range(1, 1_000_000)] public int MaxSteps { get; set; } = 2000;

    /// <summary>
    /// Most characters in one input text: a safety limit no real review reaches. Sentiment and POS read long texts
    /// truncated to the model's window and say so per item.
    /// </summary>
    [Range(1, 1_000_000)] public int MaxTextLength { get; set; } = 100_000;

    /// <summary>Most steps a forecast may ask for.</summary>
    [Range(1, 100_000)] public int MaxHorizon { get; set; } = 240;

    /// <summary>Most features per step.</summary>
    [Range(1, 100_000)] public int MaxFeatures { get; set; } = 1024;

    /// <summary>Threads that run forward passes (the only serving threads that touch torch); see Serving:Batching.
    /// 2 gave 1.06–3.2× the throughput of 1 at 32 clients on 2 cores (bench/Serving.Bench, README).</summary>
    [Range(1, 64)] public int InferenceThreads { get; set; } = 2;

    /// <summary>Torch intra-op threads of each inference thread.</summary>
    [Range(1, 64)] public int IntraOpThreads { get; set; } = 1;

    /// <summary>Versions of one model kept in memory (the served one, the previous, …); beyond that the least
    /// recently used others are unloaded (listed as Unloaded) and loaded again when a request names one.</summary>
    [Range(1, 1000)] public int ResidentVersions { get; set; } = 2;

    /// <summary>How often the model store is scanned for new, changed or removed versions.</summary>
    [Range(0.1, 3600)] public double ReloadSeconds { get; set; } = 2;
}
