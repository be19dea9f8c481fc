using Microsoft.EntityFrameworkCore;
using SeqServe.Jobs.Storage;

namespace SeqServe.Jobs;

/// <summary>
/// Small, short-lived updates of one run row, each in its own context, safe from any thread and any
/// node: <see cref="RunRecord.Revision"/> is a concurrency token, so two writers (a worker's progress,
/// an API node's cancel) never overwrite each other's change; the loser re-reads and applies again.
/// </summary>
internal sealed class RunWriter(JobsDbFactory contexts)
{
    private const int MaxConflicts = 20;

    public JobRun? Find(string id)
    {
        using var db = contexts.Create();
        return db.Runs.AsNoTracking().SingleOrDefault(r => r.Id == id)?.ToRun();
    }

    /// <summary>Applies <paramref name="change"/> to the run and saves it; returns the saved run (null if gone).</summary>
    public JobRun? Update(string id, Action<RunRecord> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var db = contexts.Create();
            var run = db.Runs.SingleOrDefault(r => r.Id == id);
            if (run is null) return null;
            change(run);
            run.Revision++;
            try
            {
                db.SaveChanges();
                return run.ToRun();
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxConflicts)
            {
                // Someone else changed the row since we read it: read it again and re-apply.
            }
        }
    }
}
