namespace SeqServe.Core.Training;

/// <summary>Where a run is: reported after every batch (throttled by the listener).</summary>
public sealed record TrainingProgress(int Epoch, int Epochs, int Step, int StepsPerEpoch, double? TrainLoss);

/// <summary>One epoch's figures; written to the run as they happen.</summary>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double ValidLoss, double? ValidAccuracy, double Seconds);

/// <summary>What the trainer reports back: the history, the epoch whose weights were kept, and why it stopped.</summary>
public sealed record TrainingOutcome(IReadOnlyList<EpochMetrics> History, int BestEpoch, string StopReason, double Seconds);

/// <summary>Receives progress from a running training; the worker turns it into run-row updates.</summary>
public interface ITrainingListener
{
    void OnProgress(TrainingProgress progress) { }
    void OnEpoch(EpochMetrics metrics) { }
    void OnMessage(string message) { }
}

public sealed class NullTrainingListener : ITrainingListener
{
    public static readonly NullTrainingListener Instance = new();
}
