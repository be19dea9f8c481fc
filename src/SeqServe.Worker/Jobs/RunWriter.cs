using Microsoft.EntityFrameworkCore;
using SeqServe.Worker.Storage;

namespace SeqServe.Worker.Jobs;

/// <summary>Small, short-lived updates of one run row (each in its own DbContext, safe from any thread).</summary>
public sealed class RunWriter(IDbContextFactory<SeqServeDb> contexts)
{
    public JobRun? Find(string id)
    {
        using var db = contexts.CreateDbContext();
        return db.Runs.AsNoTracking().SingleOrDefault(r => r.Id == id);
    }

    /// <summary>Applies <paramref name="change"/> to the run and saves it; returns the saved row (null if gone).</summary>
    public JobRun? Update(string id, Action<JobRun> change)
    {
        using var db = contexts.CreateDbContext();
        var run = db.Runs.SingleOrDefault(r => r.Id == id);
        if (run is null) return null;
        change(run);
        run.Revision++;
        db.SaveChanges();
        return run;
    }
}
