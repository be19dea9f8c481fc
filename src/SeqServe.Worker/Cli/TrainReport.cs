using System.Globalization;
using Spectre.Console;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Training;

namespace SeqServe.Worker.Cli;

/// <summary>What <c>train</c> shows: a progress bar while it runs (epoch, step, loss, ETA) and a summary table at the end.</summary>
internal static class TrainReport
{
    /// <summary>
    /// Runs <paramref name="train"/> under a progress bar fed by the listener it is given; when the output is not a
    /// terminal (CI logs), one plain line per epoch (and at most one progress line every 10 s) instead.
    /// </summary>
    public static CheckpointManifest WithProgress(IAnsiConsole console, Func<ITrainingListener, CheckpointManifest> train)
    {
        if (!console.Profile.Capabilities.Interactive) return train(new LineListener(console));
        CheckpointManifest? manifest = null;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                manifest = train(new BarListener(task));
                task.Value = task.MaxValue;
                task.StopTask();
            });
        return manifest!;
    }

    private sealed class BarListener(ProgressTask task) : ITrainingListener
    {
        private double? validLoss;

        public void OnProgress(TrainingProgress p)
        {
            task.MaxValue = Math.Max(1, (double)p.Epochs * p.StepsPerEpoch);
            task.Value = (p.Epoch - 1) * (double)p.StepsPerEpoch + p.Step;
            var loss = p.TrainLoss is { } l ? $" loss {l:F4}" : "";
            var valid = validLoss is { } v ? $" valid {v:F4}" : "";
            task.Description = Markup.Escape($"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.StepsPerEpoch}{loss}{valid}");
        }

        public void OnEpoch(EpochMetrics m) => validLoss = m.ValidLoss;

        public void OnMessage(string message) => task.Description = Markup.Escape(message);
    }

    private sealed class LineListener(IAnsiConsole console) : ITrainingListener
    {
        private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
        private TimeSpan lastLine;
        private int epochs;

        public void OnProgress(TrainingProgress p)
        {
            epochs = p.Epochs;
            if (clock.Elapsed - lastLine < TimeSpan.FromSeconds(10)) return;
            lastLine = clock.Elapsed;
            var done = ((p.Epoch - 1) * (double)p.StepsPerEpoch + p.Step) / Math.Max(1, (double)p.Epochs * p.StepsPerEpoch);
            var eta = done > 0 ? TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds * (1 - done) / done) : TimeSpan.Zero;
            console.WriteLine(FormattableString.Invariant(
                $"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.StepsPerEpoch} loss {p.TrainLoss:F4} eta {eta:hh\\:mm\\:ss}"));
        }

        public void OnEpoch(EpochMetrics m) => console.WriteLine(FormattableString.Invariant(
            $"epoch {m.Epoch}/{epochs}: train loss {m.TrainLoss:F4}, valid loss {m.ValidLoss:F4}{(m.ValidAccuracy is { } a ? $", valid accuracy {a:F4}" : "")} ({m.Seconds:F1} s)"));

        public void OnMessage(string message) => console.WriteLine(message);
    }

    /// <summary>Held-out metrics next to their baselines (<c>rmse</c> beside <c>baselineRmse</c>), and where the checkpoint went.</summary>
    public static void Summary(IAnsiConsole console, CheckpointManifest manifest, string versionDir, bool promoted)
    {
        var baselineName = manifest.Baseline is null ? "baseline" : $"baseline ({manifest.Baseline})";
        var table = new Table().Title(Markup.Escape($"{manifest.Name} {manifest.Version}"))
            .AddColumn("metric").AddColumn(new TableColumn("model").RightAligned())
            .AddColumn(new TableColumn(Markup.Escape(baselineName)).RightAligned());
        var paired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in manifest.Metrics.Where(m => !IsBaseline(m.Key)).OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var key = BaselineOf(name);
            var baseline = manifest.Metrics.TryGetValue(key, out var b) && paired.Add(key) ? Format(b) : "";
            table.AddRow(Markup.Escape(name), Format(value), baseline);
        }
        foreach (var (name, value) in manifest.Metrics.Where(m => IsBaseline(m.Key) && !paired.Contains(m.Key)))
            table.AddRow(Markup.Escape(name), "", Format(value));
        console.Write(table);
        var best = manifest.History.Count == 0 ? "" : $"{manifest.History.Count} epochs, ";
        console.MarkupLine($"checkpoint: [bold]{Markup.Escape(versionDir)}[/] ({(promoted ? "promoted" : "not promoted")}); " +
                           Markup.Escape($"{best}{manifest.StopReason}, {manifest.TrainingSeconds:F1} s"));
    }

    private static bool IsBaseline(string metric) => metric.StartsWith("baseline", StringComparison.Ordinal) && metric.Length > 8;

    private static string BaselineOf(string metric) => "baseline" + char.ToUpperInvariant(metric[0]) + metric[1..];

    private static string Format(double value) => value.ToString("G5", CultureInfo.InvariantCulture);
}
