using System.Diagnostics;
using System.Diagnostics.Metrics;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Api.Metrics;

/// <summary>
/// The API's own instruments (meter "SeqServe.Api"): prediction requests by model, version and status with
/// their duration, and model registry loads and load failures.
/// </summary>
public sealed class ApiMeters
{
    public const string MeterName = "SeqServe.Api";

    private readonly Counter<long> requests;
    private readonly Histogram<double> duration;
    private readonly Counter<long> loads;
    private readonly Counter<long> loadFailures;

    public ApiMeters(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        requests = meter.CreateCounter<long>("seqserve.requests", "{request}", "Prediction requests answered, by model, version and HTTP status.");
        duration = meter.CreateHistogram("seqserve.request.duration", "s", "Time to answer a prediction request.",
            advice: BatchingMetrics.Seconds);
        loads = meter.CreateCounter<long>("seqserve.registry.loads", "{version}", "Model versions verified, loaded and warmed up.");
        loadFailures = meter.CreateCounter<long>("seqserve.registry.load_failures", "{version}", "Model versions refused at load.");
    }

    public void Request(string model, string version, int status, double seconds)
    {
        var tags = new TagList { { "model", model }, { "version", version }, { "status", status } };
        requests.Add(1, tags);
        duration.Record(seconds, tags);
    }

    public void Loaded(string model, string version) => loads.Add(1, new TagList { { "model", model }, { "version", version } });
    public void LoadFailed(string model, string version) => loadFailures.Add(1, new TagList { { "model", model }, { "version", version } });
}
