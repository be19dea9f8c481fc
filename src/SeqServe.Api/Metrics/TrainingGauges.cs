using System.Diagnostics.Metrics;
using SeqServe.Jobs;

namespace SeqServe.Api.Metrics;

/// <summary>Training as the job store records it, read when /metrics is scraped: runs by state and epochs completed.</summary>
public sealed class TrainingGauges
{
    public TrainingGauges(IMeterFactory meters, IJobStore jobs, ILogger<TrainingGauges> logger)
    {
        var meter = meters.Create(ApiMeters.MeterName);
        meter.CreateObservableGauge("seqserve.training.jobs", () => Read(jobs, logger, totals =>
                Enum.GetValues<JobState>().Select(state => new Measurement<int>(totals.RunsByState.GetValueOrDefault(state),
                    new KeyValuePair<string, object?>("state", state.ToString())))),
            "{job}", "Training runs in the job store, by state.");
        meter.CreateObservableCounter("seqserve.training.epochs", () => Read(jobs, logger, totals =>
                new[] { new Measurement<long>(totals.EpochsCompleted) }),
            "{epoch}", "Epochs completed over every run in the job store.");
    }

    private static IEnumerable<Measurement<T>> Read<T>(IJobStore jobs, ILogger logger,
        Func<JobStoreTotals, IEnumerable<Measurement<T>>> measure) where T : struct
    {
        try
        {
            return measure(jobs.Totals()).ToList();
        }
        catch (Exception e)
        {
            logger.LogWarning("Training metrics not read from the job store: {Reason}", e.Message);
            return [];
        }
    }
}
