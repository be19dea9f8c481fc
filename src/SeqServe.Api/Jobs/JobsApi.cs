using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SeqServe.Api.Errors;
using SeqServe.Api.OpenApi;
using SeqServe.Api.Security;
using SeqServe.Core.Tasks;
using SeqServe.Core.Text;
using SeqServe.Core.Training;
using SeqServe.Jobs;

namespace SeqServe.Api.Jobs;

/// <summary>/v1/jobs: launch training runs and follow them.</summary>
public static class JobsApi
{
    public const int MaxListed = 500;

    public static RouteGroupBuilder MapJobsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/jobs").WithTags("Jobs");

        group.MapPost("/", Submit)
            .RequireAuthorization(Policies.Train)
            .WithName("SubmitJob")
            .WithSummary("Launch a training run; 202 with its URL. The run survives restarts and crashes.")
            .WithDescription("Omitted fields take the recipe's defaults. Bounds: hidden 1–1024, layers 1–4, dropout 0–0.9, " +
                             "embeddingDim 1–512, window 2–1000, epochs 1–500, batchSize 1–4096, learningRate (0, 10], clipNorm 0–1000, " +
                             "maxExamples ≥ 1, maxMinutes (0, 1440], patience 1–100, weightsPrecision float32 | float16. `promote` (default true): serve the new version once " +
                             "it has loaded and warmed up. `promote: false` never changes what is served — not even for a new model: the " +
                             "version is listed (`held: true`) but not served until POST /v1/models/{name}/versions/{version}/promote; a " +
                             "model whose versions are all held answers predictions with 404 saying so.")
            .WithRequestExample(new
            {
                model = "my-co2", task = "sequence", dataset = "co2",
                architecture = new { cell = "lstm", hidden = 32, layers = 1, window = 48 },
                training = new { epochs = 30, batchSize = 32, learningRate = 0.005, seed = 42, maxMinutes = 10 },
                promote = true,
            })
            .ProducesProblems(400, 403, 413, 429);

        group.MapGet("/", List)
            .WithName("ListJobs")
            .WithSummary("Training runs, newest first; filter with ?state=Queued|Running|Succeeded|Failed|Cancelled and ?model=.")
            .ProducesProblems(400);

        group.MapGet("/{id}", Get)
            .WithName("GetJob")
            .WithSummary("One run: state, progress, per-epoch metrics, produced version, error.")
            .ProducesProblems(404);

        group.MapPost("/{id}/cancel", Cancel)
            .RequireAuthorization(Policies.Train)
            .WithName("CancelJob")
            .WithSummary("Cancel a queued or running run (honoured between batches); 409 if it already finished. " +
                         "A train key cancels its own runs; an admin key any run.")
            .ProducesProblems(403, 404, 409);

        group.MapJobEvents();
        group.MapJobCurves();

        return group;
    }

    private static async Task<Results<Accepted<JobResource>, ValidationProblem, ProblemHttpResult>> Submit(
        JobSpec? spec, IJobStore queue, RecipeCatalog recipes, ClaimsPrincipal user, IOptions<RateLimitOptions> limits,
        IOptions<WorkerOptions> worker, CancellationToken cancel)
    {
        var (recipe, model, errors) = JobValidation.Check(spec, recipes, worker.Value.Limits);
        if (errors.Count > 0) return Problems.Invalid(errors);
        var submitter = user.Identity?.Name;
        if (await queue.CountAsync(JobState.Queued, cancel, submitter) >= limits.Value.MaxQueuedJobsPerKey)
            return Problems.TooMany($"The key '{submitter}' already has {limits.Value.MaxQueuedJobsPerKey} queued jobs " +
                                    "(RateLimiting:MaxQueuedJobsPerKey); wait for some to start.", QueueRetrySeconds);
        if (await queue.CountAsync(JobState.Queued, cancel) >= worker.Value.MaxQueuedJobs)
            return Problems.TooMany($"{worker.Value.MaxQueuedJobs} jobs are already queued (Worker:MaxQueuedJobs); try again later.",
                QueueRetrySeconds);
        var run = await queue.EnqueueAsync(spec!, model, recipe!.Task, submitter, cancel);
        return TypedResults.Accepted($"/v1/jobs/{run.Id}", JobContracts.ToResource(run));
    }

    private const int QueueRetrySeconds = 30;

    private static async Task<Results<Ok<List<JobResource>>, ValidationProblem>> List(
        IJobStore queue, CancellationToken cancel, string? state = null, string? model = null, int limit = 100)
    {
        JobState? parsed = null;
        if (state is not null)
        {
            if (!Enum.TryParse<JobState>(state, ignoreCase: true, out var s) || int.TryParse(state, out _))
                return Problems.Invalid("state", $"must be one of {string.Join(", ", Enum.GetNames<JobState>())} (got {TextChecks.Quote(state)}).");
            parsed = s;
        }
        if (limit is < 1 or > MaxListed) return Problems.Invalid("limit", $"must be between 1 and {MaxListed}.");
        var runs = await queue.ListAsync(parsed, model, limit, cancel);
        return TypedResults.Ok(runs.Select(JobContracts.ToResource).ToList());
    }

    private static async Task<Results<Ok<JobResource>, ProblemHttpResult>> Get(string id, IJobStore queue, CancellationToken cancel) =>
        await queue.GetAsync(id, cancel) is { } run
            ? TypedResults.Ok(JobContracts.ToResource(run))
            : Problems.NotFound($"There is no job {TextChecks.Quote(id)}.");

    private static async Task<Results<Accepted<JobResource>, ProblemHttpResult>> Cancel(string id, IJobStore queue, ClaimsPrincipal user,
        CancellationToken cancel)
    {
        if (!user.Has(Scopes.Admin) && await queue.GetAsync(id, cancel) is { } owned && owned.SubmittedBy != user.Identity?.Name)
            return Problems.Forbidden($"Job {TextChecks.Quote(id)} was submitted by another key; only its own key or an admin key may cancel it.");
        switch (await queue.CancelAsync(id, cancel))
        {
            case CancelOutcome.NotFound:
                return Problems.NotFound($"There is no job {TextChecks.Quote(id)}.");
            case CancelOutcome.AlreadyFinished:
                var done = await queue.GetAsync(id, cancel);
                return Problems.Conflict($"Job '{id}' already finished ({done?.State}); there is nothing to cancel.");
            default:
                var run = await queue.GetAsync(id, cancel);
                return TypedResults.Accepted($"/v1/jobs/{id}", JobContracts.ToResource(run!));
        }
    }
}
