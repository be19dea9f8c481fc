using SeqServe.Api.OpenApi;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using SeqServe.Api.Errors;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Text;
using SeqServe.Core.Training;
using SeqServe.Jobs;

namespace SeqServe.Api.Jobs;

/// <summary>GET /v1/jobs/{id}/curves.png and .svg: the run's training curves so far.</summary>
public static class JobCurvesApi
{
    public static RouteGroupBuilder MapJobCurves(this RouteGroupBuilder jobs)
    {
        jobs.MapGet("/{id}/curves.png", Png)
            .WithName("JobCurvesPng")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .ProducesProblems(404)
            .WithSummary("Training curves (train and validation loss, validation accuracy when the task has one) per epoch, as PNG; 404 before the first epoch.");
        jobs.MapGet("/{id}/curves.svg", Svg)
            .WithName("JobCurvesSvg")
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml")
            .ProducesProblems(404)
            .WithSummary("The same curves as SVG.");
        return jobs;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Png(string id, IJobStore queue, CancellationToken cancel) =>
        await History(id, queue, cancel) is ({ } run, { } history)
            ? TypedResults.File(TrainingCurves.Png(history, Title(run)), "image/png")
            : NoCurves(id, await queue.GetAsync(id, cancel));

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Svg(string id, IJobStore queue, CancellationToken cancel) =>
        await History(id, queue, cancel) is ({ } run, { } history)
            ? TypedResults.Text(TrainingCurves.Svg(history, Title(run)), "image/svg+xml")
            : NoCurves(id, await queue.GetAsync(id, cancel));

    private static async Task<(JobRun? Run, List<EpochMetrics>? History)> History(string id, IJobStore queue, CancellationToken cancel)
    {
        if (await queue.GetAsync(id, cancel) is not { } run) return (null, null);
        var history = JsonSerializer.Deserialize<List<EpochMetrics>>(run.MetricsJson, CheckpointManifest.Json) ?? [];
        return (run, history.Count == 0 ? null : history);
    }

    private static string Title(JobRun run) => $"{run.Model} on {run.Dataset}";

    private static ProblemHttpResult NoCurves(string id, JobRun? run) => run is null
        ? Problems.NotFound($"There is no job {TextChecks.Quote(id)}.")
        : Problems.NotFound($"Job {TextChecks.Quote(id)} has finished no epoch yet ({run.State}); its curves exist after the first epoch.");
}
