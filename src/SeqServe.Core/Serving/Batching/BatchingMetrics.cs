using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SeqServe.Core.Serving.Batching;

/// <summary>
/// What the batcher reports through System.Diagnostics.Metrics (meter "SeqServe.Serving"), tagged with
/// model and version: queue time, batch size and inference time as histograms, dropped (cancelled) items,
/// and the queue depth per model.
/// </summary>
public sealed class BatchingMetrics : IDisposable
{
    public const string MeterName = "SeqServe.Serving";

    private readonly Meter meter;
    private readonly bool ownsMeter;
    private readonly Histogram<double> queueTime;
    private readonly Histogram<int> batchSize;
    private readonly Histogram<double> inferenceTime;
    private readonly Counter<long> dropped;

    /// <summary>Bucket boundaries for durations: 0.25 ms to 10 s.</summary>
    public static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.00025, 0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1, 2.5, 5, 10],
    };

    public BatchingMetrics(IMeterFactory? meters, Func<IEnumerable<(string Model, int Depth)>> depths)
    {
        ownsMeter = meters is null;
        meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        queueTime = meter.CreateHistogram("seqserve.queue.time", "s", "Time an item waited in its model's queue.", advice: Seconds);
        batchSize = meter.CreateHistogram("seqserve.batch.size", "{item}", "Items per forward pass.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
        inferenceTime = meter.CreateHistogram("seqserve.inference.time", "s", "Duration of one forward pass.", advice: Seconds);
        dropped = meter.CreateCounter<long>("seqserve.items.dropped", "{item}", "Queued items dropped because their client went away.");
        meter.CreateObservableGauge("seqserve.queue.depth",
            () => depths().Select(d => new Measurement<int>(d.Depth, new KeyValuePair<string, object?>("model", d.Model))),
            "{item}", "Items waiting in a model's queue.");
    }

    internal void Batch(string model, string version, int size, double seconds, IEnumerable<double> waits)
    {
        var tags = Tags(model, version);
        batchSize.Record(size, tags);
        inferenceTime.Record(seconds, tags);
        foreach (var wait in waits) queueTime.Record(wait, tags);
    }

    internal void Dropped(string model, string version) => dropped.Add(1, Tags(model, version));

    private static TagList Tags(string model, string version) => new() { { "model", model }, { "version", version } };

    public void Dispose()
    {
        if (ownsMeter) meter.Dispose();
    }
}
