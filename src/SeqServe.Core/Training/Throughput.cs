using System.Diagnostics;

namespace SeqServe.Core.Training;

/// <summary>
/// Items per second of a held-out evaluation (reviews, sentences, images, characters), recorded as the
/// <see cref="MetricName"/> metric so that encoders can be compared on the same split. A measurement
/// on the machine that trained, with its threads: not a serving benchmark (bench/ measures those).
/// </summary>
public static class Throughput
{
    public const string MetricName = "testItemsPerSecond";

    public static (T Result, double ItemsPerSecond) Measure<T>(long items, Func<T> evaluate)
    {
        var clock = Stopwatch.StartNew();
        var result = evaluate();
        return (result, items / Math.Max(clock.Elapsed.TotalSeconds, 1e-9));
    }
}
