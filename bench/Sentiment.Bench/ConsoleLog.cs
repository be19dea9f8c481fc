using Microsoft.Extensions.Logging;
using SeqServe.Core.Training;

namespace SeqServe.Sentiment.Bench;

/// <summary>Prints log lines and training progress with a timestamp.</summary>
public sealed class ConsoleLog : ILogger, ITrainingListener
{
    private DateTime lastProgress = DateTime.MinValue;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Write(formatter(state, exception));

    public void OnProgress(TrainingProgress p)
    {
        if (DateTime.UtcNow - lastProgress < TimeSpan.FromSeconds(30)) return;
        lastProgress = DateTime.UtcNow;
        Write($"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.StepsPerEpoch} train loss {p.TrainLoss:F4}");
    }

    public void OnEpoch(EpochMetrics m) =>
        Write($"epoch {m.Epoch}: train loss {m.TrainLoss:F4}, valid loss {m.ValidLoss:F4}, valid accuracy {m.ValidAccuracy:P2} ({m.Seconds:F0} s)");

    public void OnMessage(string message) => Write(message);

    public static void Write(string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
}
