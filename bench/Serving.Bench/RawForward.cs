using System.Diagnostics;
using SeqServe.Core.Runtime;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Serving.Bench;

/// <summary>One raw in-process measurement: a model's batch kernel over the inputs, batch by batch.</summary>
public sealed record RawResult(string Model, int Batch, int IntraOpThreads, double ItemsPerSecond, double P50Ms);

/// <summary>
/// Forward passes (at least <c>minItems</c> items, at most <c>maxSeconds</c>) straight through a model's batch kernel (what the server runs per batch, without HTTP or
/// the queue), on a fresh thread with the given intra-op thread count, like an inference thread.
/// </summary>
public static class RawForward
{
    public static RawResult Measure<TIn, TOut>(string model, IBatchKernel<TIn, TOut> kernel, IReadOnlyList<TIn> inputs,
        int batch, int intraOpThreads, int minItems = 512, double maxSeconds = 15)
    {
        RawResult? result = null;
        var thread = new Thread(() =>
        {
            TorchThreads.UseOnCurrentThread(intraOpThreads);
            var batches = Enumerable.Range(0, (inputs.Count + batch - 1) / batch)
                .Select(b => inputs.Skip(b * batch).Take(batch).ToArray()).Where(b => b.Length == batch).ToList();
            if (batches.Count == 0) batches = [[.. inputs.Take(batch)]];
            for (var w = 0; w < Math.Min(3, batches.Count); w++) kernel.Run(batches[w]); // warm-up
            var latencies = new List<double>();
            var items = 0;
            var clock = Stopwatch.StartNew();
            while (items < minItems && clock.Elapsed.TotalSeconds < maxSeconds)
            {
                foreach (var b in batches)
                {
                    var started = Stopwatch.GetTimestamp();
                    kernel.Run(b);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    items += b.Length;
                    if (items >= minItems || clock.Elapsed.TotalSeconds >= maxSeconds) break;
                }
            }
            result = new RawResult(model, batch, intraOpThreads, items / clock.Elapsed.TotalSeconds, Percentiles.Of(latencies, 50));
        });
        thread.Start();
        thread.Join();
        return result!;
    }
}
