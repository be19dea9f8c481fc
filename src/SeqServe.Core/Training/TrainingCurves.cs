using ScottPlot;

namespace SeqServe.Core.Training;

/// <summary>
/// The training curves of a run: train and validation loss per epoch (left axis) and, for tasks that
/// report it, validation accuracy (right axis). Rendered as PNG (kept in each version folder as
/// <see cref="FileName"/>) or SVG.
/// </summary>
public static class TrainingCurves
{
    public const string FileName = "curves.png";
    public const int Width = 800, Height = 450;

    public static byte[] Png(IReadOnlyList<EpochMetrics> history, string title) =>
        Plot(history, title).GetImageBytes(Width, Height, ImageFormat.Png);

    public static string Svg(IReadOnlyList<EpochMetrics> history, string title) =>
        Plot(history, title).GetSvgXml(Width, Height);

    /// <summary>Writes <see cref="FileName"/> into <paramref name="folder"/> (nothing when there are no epochs).</summary>
    public static void Write(IReadOnlyList<EpochMetrics> history, string title, string folder)
    {
        if (history.Count == 0) return;
        File.WriteAllBytes(Path.Combine(folder, FileName), Png(history, title));
    }

    private static Plot Plot(IReadOnlyList<EpochMetrics> history, string title)
    {
        if (history.Count == 0) throw new ArgumentException("There are no epochs to draw.", nameof(history));
        var plot = new Plot();
        var epochs = history.Select(h => (double)h.Epoch).ToArray();
        var train = plot.Add.Scatter(epochs, history.Select(h => h.TrainLoss).ToArray());
        train.LegendText = "train loss";
        var valid = plot.Add.Scatter(epochs, history.Select(h => h.ValidLoss).ToArray());
        valid.LegendText = "validation loss";
        plot.Axes.Left.Label.Text = "loss";
        if (history.All(h => h.ValidAccuracy is not null))
        {
            var accuracy = plot.Add.Scatter(epochs, history.Select(h => h.ValidAccuracy!.Value).ToArray());
            accuracy.LegendText = "validation accuracy";
            accuracy.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "accuracy";
        }
        plot.Axes.Bottom.Label.Text = "epoch";
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
