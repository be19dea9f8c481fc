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

    private int epochsPlanned;

    public void OnProgress(TrainingProgress p)
    {
        epochsPlanned = p.Epochs;
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
        if (m.ValidAccuracy is { } accuracy)
            logger.LogInformation(
                "Epoch {Epoch}/{Epochs} done: train loss {TrainLoss:F4}, valid loss {ValidLoss:F4}, valid accuracy {ValidAccuracy:P2} in {Seconds:F1} s",
                m.Epoch, epochsPlanned, m.TrainLoss, m.ValidLoss, accuracy, m.Seconds);
        else // regression: there is no accuracy to speak of
            logger.LogInformation("Epoch {Epoch}/{Epochs} done: train loss {TrainLoss:F4}, valid loss {ValidLoss:F4} in {Seconds:F1} s",
                m.Epoch, epochsPlanned, m.TrainLoss, m.ValidLoss, m.Seconds);
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
