using System.Diagnostics;
using SeqServe.Core.Training;

namespace SeqServe.Training.Bench;

/// <summary>Times every training step the real <see cref="Trainer"/> takes (between its progress reports).</summary>
internal sealed class StepClock : ITrainingListener
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private double last;

    public List<double> StepMs { get; } = [];

    /// <summary>Called by the problem when a step's loss is asked for: the step starts here.</summary>
    public void Begin() => last = clock.Elapsed.TotalMilliseconds;

    /// <summary>Run once after the next step's time is taken (the bare loop's step on the same batch).</summary>
    public Action? AfterStep { get; set; }

    public void OnProgress(TrainingProgress progress)
    {
        StepMs.Add(clock.Elapsed.TotalMilliseconds - last);
        var after = AfterStep;
        AfterStep = null;
        after?.Invoke();
    }
}
