using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Training;

namespace SeqServe.Jobs;

/// <summary>Turns trainer progress into run-row updates (throttled) and structured log lines.</summary>
internal sealed class JobProgressListener(string runId, RunWriter runs, ILogger logger, TimeSpan writeEvery)
    : ITrainingListener
{
    private readonly Stopwatch sinceWrite = Stopwatch.StartNew();
    private readonly List<EpochMetrics> epochs = [];

    public void OnProgress(TrainingProgress p)
    {
        if (sinceWrite.Elapsed < writeEvery && p.Step != p.StepsPerEpoch) return;
        sinceWrite.Restart();
        runs.Update(runId, r =>
        {
            r.Epoch = p.Epoch;
            r.Epochs = p.Epochs;
            r.Step = p.Step;
            r.StepsPerEpoch = p.StepsPerEpoch;
            if (p.TrainLoss is { } loss && double.IsFinite(loss)) r.Loss = loss;
        });
    }

    public void OnEpoch(EpochMetrics m)
    {
        epochs.Add(m);
        logger.LogInformation(
            "Epoch {Epoch} done: train loss {TrainLoss:F4}, valid loss {ValidLoss:F4}, valid accuracy {ValidAccuracy} in {Seconds:F1} s",
            m.Epoch, m.TrainLoss, m.ValidLoss, m.ValidAccuracy, m.Seconds);
        var json = JsonSerializer.Serialize(epochs, CheckpointManifest.Json);
        runs.Update(runId, r =>
        {
            r.MetricsJson = json;
            r.Epoch = m.Epoch;
        });
    }

    public void OnMessage(string message)
    {
        logger.LogInformation("{Message}", message);
        runs.Update(runId, r => r.Message = message);
    }
}
