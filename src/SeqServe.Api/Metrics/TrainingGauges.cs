using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using SeqServe.Worker.Jobs;
using SeqServe.Worker.Storage;

namespace SeqServe.Api.Metrics;

/// <summary>Training as the job store records it, read when /metrics is scraped: runs by state and epochs completed.</summary>
public sealed class TrainingGauges
{
    public TrainingGauges(IMeterFactory meters, IDbContextFactory<SeqServeDb> contexts, ILogger<TrainingGauges> logger)
    {
        var meter = meters.Create(ApiMeters.MeterName);
        meter.CreateObservableGauge("seqserve.training.jobs", () => Read(contexts, logger, db =>
            {
                var counts = db.Runs.GroupBy(r => r.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionary(g => g.Key, g => g.Count);
                return Enum.GetValues<JobState>().Select(state => new Measurement<int>(counts.GetValueOrDefault(state),
                    new KeyValuePair<string, object?>("state", state.ToString())));
            }),
            "{job}", "Training runs in the job store, by state.");
        meter.CreateObservableCounter("seqserve.training.epochs", () => Read(contexts, logger, db =>
                new[] { new Measurement<long>(db.Runs.Sum(r => (long)r.Epoch)) }),
            "{epoch}", "Epochs completed over every run in the job store.");
    }

    private static IEnumerable<Measurement<T>> Read<T>(IDbContextFactory<SeqServeDb> contexts, ILogger logger,
        Func<SeqServeDb, IEnumerable<Measurement<T>>> query) where T : struct
    {
        try
        {
            using var db = contexts.CreateDbContext();
            return query(db).ToList();
        }
        catch (Exception e)
        {
            logger.LogWarning("Training metrics not read from the job store: {Reason}", e.Message);
            return [];
        }
    }
}
