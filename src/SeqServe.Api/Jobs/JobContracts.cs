using System.Text.Json;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Training;
using SeqServe.Jobs;

namespace SeqServe.Api.Jobs;

public sealed record JobProgress(int Epoch, int Epochs, int Step, int StepsPerEpoch);

/// <summary>A training run as the API shows it.</summary>
public sealed record JobResource(
    string Id, string Model, string Task, string Dataset, JobState State,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    JobProgress Progress, IReadOnlyList<EpochMetrics> Metrics, IReadOnlyDictionary<string, double>? TestMetrics,
    string? Version, string? Error, string? Message, int Attempts, string? Node, string? SubmittedBy, JobSpec? Request);

public static class JobContracts
{
    public static JobResource ToResource(JobRun run) => new(
        run.Id, run.Model, run.Task, run.Dataset, run.State,
        run.CreatedAt, run.StartedAt, run.FinishedAt,
        new JobProgress(run.Epoch, run.Epochs, run.Step, run.StepsPerEpoch),
        JsonSerializer.Deserialize<List<EpochMetrics>>(run.MetricsJson, CheckpointManifest.Json) ?? [],
        run.ResultMetricsJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, double>>(run.ResultMetricsJson, CheckpointManifest.Json),
        run.Version, run.Error, run.Message, run.Attempts, run.Node, run.SubmittedBy,
        JsonSerializer.Deserialize<JobSpec>(run.RequestJson, CheckpointManifest.Json));
}
