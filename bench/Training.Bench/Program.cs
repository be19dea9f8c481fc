using System.Diagnostics;
using System.Text.Json;
using SeqServe.Core.Data;
using SeqServe.Core.Runtime;
using SeqServe.Core.Sentiment;
using SeqServe.Training.Bench;

// Usage: Training.Bench [steps] [models-root] [--denormals]
//   For each intra-op thread count (1, 2) a child process (torch's thread count is fixed once torch starts)
//   measures: SeqServe's training step through the real Trainer on the IMDB recipe's bucketed batches, a bare
//   TorchSharp loop of the same network on the same batches (dense padded, and packed as SeqServe did before),
//   and batched inference of the shipped sentiment model (batch 64) with the dense encoder vs the packed one.
//   --denormals also measures SeqServe's training step at 1 thread with subnormal floats not flushed (slow: ~20 s a step).
//   Internal: Training.Bench measure THREADS STEPS MODELS-ROOT FLUSH(0|1) ALL(0|1) prints one JSON line.
const int inferenceBatch = 64, inferenceReviews = 1280;
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);

if (args.FirstOrDefault() == "measure")
{
    var (threads, steps, models, flush, all) = (int.Parse(args[1]), int.Parse(args[2]), args[3], args[4] == "1", args[5] == "1");
    var runtime = NativeRuntime.Configure(new RuntimeSettings { IntraOpThreads = threads, FlushDenormals = flush });
    var cache = new PackageCache(Environment.GetEnvironmentVariable("SEQSERVE_DATA_CACHE") is { Length: > 0 } c ? c : ".data-cache");
    var shape = new BenchShape();
    var data = ImdbBatches.Load(cache, shape, reviews: shape.BatchSize * 50, batches: steps);
    using var bare = all ? new BareLoop(shape, data, packed: false) : null;
    var (seqserve, bareDense) = Measurements.SeqServeStep(shape, data, bare);
    var figures = new Figures(runtime.IntraOpThreads, seqserve, data.MeanPaddedLength, data.WithoutPadding, data.Batches.Count);
    if (all)
    {
        var texts = ImdbDataset.Load(cache).Test.Take(inferenceReviews).Select(r => r.Text).ToList();
        var inference = Measurements.Inference(models, texts, inferenceBatch);
        figures = figures with
        {
            BareDenseStepMs = bareDense,
            BarePackedStepMs = Measurements.BareStep(shape, data, packed: true, Math.Max(4, steps / 2)),
            DenseItemsPerSecond = inference.Dense, PackedItemsPerSecond = inference.Packed, InferenceMaxDifference = inference.MaxDifference,
            DenseGflops = inference.DenseGflops, MatmulGflops = Measurements.MatmulGflops(),
        };
    }
    Console.Error.WriteLine($"measured: {runtime.IntraOpThreads} intra-op thread(s), {runtime.Allocator}, subnormals {(flush ? "flushed" : "kept")}");
    Console.WriteLine(JsonSerializer.Serialize(figures, json));
    return 0;
}

var stepCount = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 12;
var modelsRoot = Path.GetFullPath(args.Length > 1 && !args[1].StartsWith("--") ? args[1] : "models");

Figures Measure(int threads, int steps, bool flush, bool all)
{
    var self = Environment.ProcessPath!;
    var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
    if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(Figures).Assembly.Location);
    foreach (var a in new[] { "measure", threads.ToString(), steps.ToString(), modelsRoot, flush ? "1" : "0", all ? "1" : "0" })
        start.ArgumentList.Add(a);
    using var child = Process.Start(start)!;
    var output = child.StandardOutput.ReadToEnd();
    child.WaitForExit();
    if (child.ExitCode != 0) throw new InvalidOperationException($"measuring with {threads} thread(s) failed");
    return JsonSerializer.Deserialize<Figures>(output.Trim().Split('\n')[^1], json)!;
}

var results = new[] { 1, 2 }.Select(threads => Measure(threads, stepCount, flush: true, all: true)).ToList();
var kept = args.Contains("--denormals") ? Measure(1, 5, flush: false, all: false) : null;

var first = results[0];
Console.WriteLine();
Console.WriteLine("Training: embedding 100, 2-layer BiLSTM 256, dropout 0.5, last-state pooling, batch 32, <= 200 tokens;");
Console.WriteLine($"{first.Batches} real bucketed IMDB batches, mean padded length {first.MeanPaddedLength:F0}, {first.BatchesWithoutPadding} without padding; no gradient clipping on either side.");
Console.WriteLine($"Inference: shipped sentiment-imdb, {inferenceReviews} test reviews in arrival order, batches of {inferenceBatch} (mixed lengths).");
Console.WriteLine("The bare dense step runs on the same batch next to each SeqServe step (before it, then after it, alternately), so both meet the same machine load.");
Console.WriteLine("The machine is shared with other work: absolute times are noisy; ratios (same process, same batches) are the point.");
Console.WriteLine();
Console.WriteLine("| intra-op threads | SeqServe step (ms) | bare loop, dense (ms) | SeqServe / bare | bare loop, packed (ms) | packed / SeqServe | inference, dense encoder (items/s) | inference, packed (items/s) | dense / packed | largest score difference |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
foreach (var r in results)
    Console.WriteLine($"| {r.Threads} | {r.SeqServeStepMs:F0} | {r.BareDenseStepMs:F0} | {r.SeqServeStepMs / r.BareDenseStepMs:F2} | " +
                      $"{r.BarePackedStepMs:F0} | {r.BarePackedStepMs / r.SeqServeStepMs:F2} | {r.DenseItemsPerSecond:F0} | " +
                      $"{r.PackedItemsPerSecond:F0} | {r.DenseItemsPerSecond / r.PackedItemsPerSecond:F2} | {r.InferenceMaxDifference:g2} |");
Console.WriteLine();
Console.WriteLine("How close dense batched inference is to what the core delivers: the encoder's gate arithmetic per second over the");
Console.WriteLine("reviews' real tokens (a lower bound: padding it computes is not counted) next to a 1,024³ float32 matrix product at the same thread count.");
Console.WriteLine();
Console.WriteLine("| intra-op threads | dense inference, gate GFLOP/s over real tokens | 1,024³ matmul GFLOP/s | inference / matmul |");
Console.WriteLine("|---|---|---|---|");
foreach (var r in results)
    Console.WriteLine($"| {r.Threads} | {r.DenseGflops:F1} | {r.MatmulGflops:F1} | {r.DenseGflops / r.MatmulGflops:F2} |");
var fastest = results.MinBy(r => r.SeqServeStepMs)!;
Console.WriteLine();
Console.WriteLine($"Fastest intra-op thread count for training here: {fastest.Threads} ({fastest.SeqServeStepMs:F0} ms per step).");
if (kept is not null)
{
    var flushed = results.Single(r => r.Threads == 1);
    Console.WriteLine($"Subnormals kept (Runtime:FlushDenormals false), 1 thread, first {kept.Batches} batches: SeqServe step {kept.SeqServeStepMs:F0} ms " +
                      $"({kept.SeqServeStepMs / flushed.SeqServeStepMs:F1}x the flushed step above).");
}
return 0;
