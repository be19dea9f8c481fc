using SeqServe.Api.OpenApi;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SeqServe.Api.Errors;
using SeqServe.Api.Models;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Text;
using SeqServe.Core.Training;
using SeqServe.Jobs;

namespace SeqServe.Api.Jobs;

/// <summary>GET /v1/jobs/{id}/events: a run as small typed server-sent events, ending once its model serves.</summary>
public static class JobEventsApi
{
    /// <summary>How long the stream waits, after a promoting run succeeded, for its version to answer predictions.</summary>
    public static readonly TimeSpan ServeWait = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public const string Description =
        "Event types (data is JSON): `state` {state, message, version, error, testMetrics} — first, and on every change; " +
        "`progress` {epoch, epochs, step, stepsPerEpoch, elapsedSeconds, etaSeconds, loss} — while running, and the last position once it succeeded; " +
        "`epoch` {epoch, trainLoss, validLoss, validAccuracy, seconds} — once per finished epoch; " +
        "`served` {model, version, served, detail} — last, for a run with promote=true that succeeded, sent once the new " +
        "version answers predictions (served=false with a detail if it failed to load or was not served within 2 minutes). " +
        "The stream closes after the final `state` (or after `served` for a promoting run).";

    public static RouteHandlerBuilder MapJobEvents(this RouteGroupBuilder jobs) =>
        jobs.MapGet("/{id}/events", Events)
            .WithName("JobEvents")
            .WithSummary("Server-sent events (state, progress, epoch, served) until the run ends and, when it promotes, its version serves.")
            .WithDescription(Description)
            .ProducesProblems(404);

    private static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult>> Events(
        string id, IJobStore queue, ModelRegistry registry, IOptions<JsonOptions> json, CancellationToken cancel)
    {
        if (await queue.GetAsync(id, cancel) is null) return Problems.NotFound($"There is no job {TextChecks.Quote(id)}.");
        return TypedResults.ServerSentEvents(Follow(id, queue, registry, json.Value.SerializerOptions, TimeProvider.System, cancel));
    }

    private static async IAsyncEnumerable<SseItem<string>> Follow(string id, IJobStore queue, ModelRegistry registry,
        JsonSerializerOptions json, TimeProvider clock, [EnumeratorCancellation] CancellationToken cancel)
    {
        SseItem<string> Event<T>(string type, T data) => new(JsonSerializer.Serialize(data, json), type);
        JobState? state = null;
        var step = (-1, -1);
        var epochsSent = 0;
        JobRun? run;
        while (true)
        {
            run = await queue.GetAsync(id, cancel);
            if (run is null) yield break;
            var epochs = JsonSerializer.Deserialize<List<EpochMetrics>>(run.MetricsJson, CheckpointManifest.Json) ?? [];
            foreach (var epoch in epochs.Skip(epochsSent)) yield return Event("epoch", epoch);
            epochsSent = Math.Max(epochsSent, epochs.Count);
            // A run can finish between two polls (a tiny job takes less than one): its last position is still sent.
            if ((run.State is JobState.Running or JobState.Succeeded) && (run.Epoch, run.Step) != step && run.StepsPerEpoch > 0)
                yield return Event("progress", JobEventContracts.Progress(run, run.FinishedAt ?? clock.GetUtcNow()));
            if (run.State != state) yield return Event("state", JobEventContracts.State(run));
            (state, step) = (run.State, (run.Epoch, run.Step));
            if (run.State.IsFinished()) break;
            await Task.Delay(Poll, clock, cancel);
        }
        if (run.State != JobState.Succeeded || run.Version is null || !Promotes(run)) yield break;
        yield return Event("served", await WaitUntilServed(run.Model, run.Version, registry, clock, cancel));
    }

    private static bool Promotes(JobRun run) =>
        JsonSerializer.Deserialize<JobSpec>(run.RequestJson, CheckpointManifest.Json)?.Promote ?? true;

    /// <summary>Polls the registry (read-only) until <paramref name="version"/> is the one answering, it failed, or the wait ends.</summary>
    private static async Task<JobServedEvent> WaitUntilServed(string model, string version, ModelRegistry registry,
        TimeProvider clock, CancellationToken cancel)
    {
        var until = clock.GetUtcNow() + ServeWait;
        while (true)
        {
            var slot = registry.Find(model);
            if (slot?.Served?.Version == version) return new JobServedEvent(model, version, true, null);
            if (slot?.Versions.GetValueOrDefault(version) is { State: VersionState.Failed } failed)
                return new JobServedEvent(model, version, false, $"The version failed to load: {failed.Error}");
            if (slot?.Promoted is { } requested && requested != version)
                return new JobServedEvent(model, version, false, $"Version '{requested}' was promoted since; it serves instead.");
            if (clock.GetUtcNow() > until)
                return new JobServedEvent(model, version, false, $"The version was not served within {ServeWait.TotalSeconds:F0} s.");
            await Task.Delay(Poll, clock, cancel);
        }
    }
}
