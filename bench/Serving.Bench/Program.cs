using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Pos;
using SeqServe.Core.Sentiment;
using SeqServe.Core.Tasks;
using SeqServe.Serving.Bench;

// ./seqserve bench serving — raw in-process forward vs the real HTTP service under load, batching on and off.
var repo = Directory.GetCurrentDirectory();
if (!File.Exists(Path.Combine(repo, "SeqServe.sln"))) { Console.Error.WriteLine("run from the repository root (./seqserve bench serving)"); return 2; }
var cache = Environment.GetEnvironmentVariable("SEQSERVE_DATA_CACHE") is { Length: > 0 } c ? c : Path.Combine(repo, ".data-cache");
var quick = args.Contains("--quick");
var log = (string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");

log($"allocator: {(SeqServe.Core.Runtime.NativeRuntime.TcmallocLoaded() ? "tcmalloc" : "glibc malloc")}, cores: {Environment.ProcessorCount}, " +
    $"load generator: {(WrkLoad.Available() ? "wrk (a separate process)" : "in-process HttpClient (wrk not installed)")}, " +
    $"load average at start: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
log("building the API (Release) …");
var build = Process.Start(new ProcessStartInfo("dotnet", "build src/SeqServe.Api -c Release -nologo -v q") { UseShellExecute = false })!;
await build.WaitForExitAsync();
if (build.ExitCode != 0) return build.ExitCode;

var data = BenchData.Load(new PackageCache(cache));
var store = new CheckpointStore(Path.Combine(repo, "models"));
var catalog = RecipeCatalog.BuiltIn;
var scorer = (ISentimentScorer)catalog.Load(store, "sentiment-imdb", store.PromotedOrNewest("sentiment-imdb")).Served;
var tagger = (IPosTagger)catalog.Load(store, "pos-brown", store.PromotedOrNewest("pos-brown")).Served;
var reviews = data.Reviews.Select((r, i) => scorer.Prepare(r, $"texts[{i}]")).ToList();
var sentences = data.Sentences.Select((s, i) => tagger.PrepareTokens(s, $"tokens[{i}]", new PosLimits())).ToList();
log($"{reviews.Count} IMDB test reviews (≤ {BenchData.ReviewWords} words, mean {reviews.Average(r => r.Ids.Length):F0} tokens), " +
    $"{sentences.Count} Brown test sentences (mean {sentences.Average(s => s.Forms.Count):F1} tokens)");

// 1. Raw in-process forward passes on one thread with 1 intra-op thread (what each inference thread uses), and 2 for comparison.
int[] batches = [1, 8, 32, 64];
var raw = new List<RawResult>();
foreach (var b in batches) raw.Add(RawForward.Measure("sentiment-imdb", scorer, reviews, b, 1));
foreach (var b in batches) raw.Add(RawForward.Measure("pos-brown", tagger, sentences, b, 1));
foreach (var b in new[] { 8, 32 }) raw.Add(RawForward.Measure("sentiment-imdb", scorer, reviews, b, 2, minItems: 256));
Console.WriteLine();
Console.WriteLine("| raw in-process | batch | intra-op threads | items/s | p50 per pass (ms) |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var r in raw) Console.WriteLine($"| {r.Model} | {r.Batch} | {r.IntraOpThreads} | {r.ItemsPerSecond:F0} | {r.P50Ms:F2} |");
Console.WriteLine();

// 2. The real service on loopback, one text per request.
using var root = new TempFolder();
foreach (var model in new[] { "sentiment-imdb", "pos-brown" }) CopyDirectory(Path.Combine(repo, "models", model), Path.Combine(root.Path, "models", model));
var bodies = new Dictionary<string, (string Path, List<byte[]> Bodies)>
{
    ["sentiment-imdb"] = ("/v1/sentiment", [.. data.Reviews.Select(r => JsonSerializer.SerializeToUtf8Bytes(new { texts = new[] { r } }))]),
    ["pos-brown"] = ("/v1/pos", [.. data.Sentences.Select(s => JsonSerializer.SerializeToUtf8Bytes(new { tokens = new[] { s } }))]),
};
int[] clientCounts = [1, 8, 32, 64];
var http = new List<(string Config, string Model, int Clients, LoadResult Result, double MeanBatch)>();
long rssBefore = 0, rssAfter = 0;
LoadResult? rssRun = null, besideTraining = null;

async Task Grid(string config, ServiceProcess service, int[] clients)
{
    var load = ILoad.For(service.Address);
    foreach (var (model, (path, list)) in bodies)
        foreach (var n in clients)
        {
            await load.Run(path, list, n, TimeSpan.FromSeconds(2)); // warm-up at this concurrency
            var before = await BatchSizes.Read(service.Address, model);
            var result = await load.Run(path, list, n, TimeSpan.FromSeconds(quick ? 3 : 10));
            var after = await BatchSizes.Read(service.Address, model);
            var meanBatch = (after.Sum - before.Sum) / Math.Max(1, after.Count - before.Count);
            http.Add((config, model, n, result, meanBatch));
            log($"{config,-24} {model,-15} {n,3} clients: {result.ItemsPerSecond,7:F0} items/s, p50 {result.P50Ms,7:F2} ms, " +
                $"p99 {result.P99Ms,7:F2} ms, mean batch {meanBatch,5:F1}, errors {result.Errors}");
        }
}

var (sentimentPath, sentimentBodies) = bodies["sentiment-imdb"];
var paired = new List<(double Raw, double Http)>();
await using (var on = await ServiceProcess.Start(repo, root.Path, cache, new Dictionary<string, string> { ["Hosting:Role"] = "api" }))
{
    await Grid("batching on", on, clientCounts);
    // The 1-client latency ratio, paired: raw batch-1 passes here and 1-client HTTP requests to the service, in
    // alternating rounds over the same reviews, so a shared machine's drift falls on both sides alike.
    var pairLoad = ILoad.For(on.Address);
    for (var round = 0; round < (quick ? 2 : 5); round++)
    {
        var rawRound = RawForward.Measure("sentiment-imdb", scorer, reviews, 1, 1, minItems: 400, maxSeconds: 4);
        await pairLoad.Run(sentimentPath, sentimentBodies, 1, TimeSpan.FromSeconds(1)); // warm-up, as every grid cell has
        var httpRound = await pairLoad.Run(sentimentPath, sentimentBodies, 1, TimeSpan.FromSeconds(3));
        paired.Add((rawRound.P50Ms, httpRound.P50Ms));
        log($"paired round {round + 1}: raw batch-1 p50 {rawRound.P50Ms:F2} ms, HTTP 1-client p50 {httpRound.P50Ms:F2} ms, ratio {httpRound.P50Ms / rawRound.P50Ms:F2}");
    }
    // Steady state: RSS is read after a warm-up at the same load (the heap and the allocators' caches have sized
    // themselves to it), then after every quarter of the 20,000 requests; growth is the last reading over the first.
    var total = quick ? 2000 : 20_000;
    var rssLoad = ILoad.For(on.Address);
    var warmUp = await rssLoad.Run(sentimentPath, sentimentBodies, 32, TimeSpan.FromSeconds(5));
    rssBefore = on.Rss();
    var readings = new List<long> { rssBefore };
    var chunks = new List<LoadResult>();
    while (chunks.Sum(r => r.Requests) < total)
    {
        chunks.Add(await rssLoad.Run(sentimentPath, sentimentBodies, 32, TimeSpan.FromSeconds(5)));
        readings.Add(on.Rss());
    }
    rssAfter = readings[^1];
    rssRun = new LoadResult(chunks.Sum(r => r.Requests), chunks.Sum(r => r.Errors) + warmUp.Errors, 0, 0, 0);
    log($"RSS over {rssRun.Requests} sentiment requests after a warm-up of {warmUp.Requests}, every 5 s: " +
        $"{string.Join(" → ", readings.Select(r => $"{r / 1048576.0:F0}"))} MiB, errors {rssRun.Errors}");
}
// Serving beside a training run on the same node: the embedded worker trains co2 while the load runs.
const string benchKey = "bench-admin-key-0123456789"; // training needs an admin or train key
await using (var training = await ServiceProcess.Start(repo, root.Path, cache, new Dictionary<string, string>
             {
                 ["Auth:Keys:0:Name"] = "bench", ["Auth:Keys:0:Key"] = benchKey, ["Auth:Keys:0:Scopes:0"] = "admin",
             }))
{
    var (path, list) = (sentimentPath, sentimentBodies);
    var load = ILoad.For(training.Address);
    await load.Run(path, list, 32, TimeSpan.FromSeconds(2)); // warm-up
    using var client = new HttpClient { BaseAddress = training.Address };
    client.DefaultRequestHeaders.Add("X-Api-Key", benchKey);
    var submitted = await client.PostAsJsonAsync("/v1/jobs", new
    {
        model = "bench-co2", task = "sequence", dataset = "co2", promote = false,
        training = new { epochs = 500, maxMinutes = 10, patience = 100 },
    });
    var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
    for (var i = 0; i < 240; i++)
    {
        var job = await client.GetFromJsonAsync<JsonElement>($"/v1/jobs/{id}");
        if (job.GetProperty("state").GetString() == "Running" && job.GetProperty("progress").GetProperty("epoch").GetInt32() >= 1) break;
        await Task.Delay(250);
    }
    besideTraining = await load.Run(path, list, 32, TimeSpan.FromSeconds(quick ? 3 : 10));
    var state = (await client.GetFromJsonAsync<JsonElement>($"/v1/jobs/{id}")).GetProperty("state").GetString();
    await client.PostAsync($"/v1/jobs/{id}/cancel", null);
    log($"beside training (job {state} during the run): {besideTraining.ItemsPerSecond:F0} items/s, p50 {besideTraining.P50Ms:F2} ms, p99 {besideTraining.P99Ms:F2} ms, errors {besideTraining.Errors}");
}
await using (var off = await ServiceProcess.Start(repo, root.Path, cache, new Dictionary<string, string>
             { ["Serving:Batching:Enabled"] = "false", ["Hosting:Role"] = "api" }))
    await Grid("batching off", off, clientCounts);
await using (var one = await ServiceProcess.Start(repo, root.Path, cache, new Dictionary<string, string>
             { ["Serving:InferenceThreads"] = "1", ["Hosting:Role"] = "api" }))
    await Grid("on, 1 inference thread", one, [1, 32]);
foreach (var delay in new[] { 5, 20 })
    await using (var delayed = await ServiceProcess.Start(repo, root.Path, cache, new Dictionary<string, string>
                 { ["Serving:Batching:MaxDelayMs"] = delay.ToString(), ["Hosting:Role"] = "api" }))
        await Grid($"on, MaxDelayMs {delay}", delayed, [1, 32]);

// 3. Report.
LoadResult Http(string config, string model, int clients) => http.Single(h => h.Config == config && h.Model == model && h.Clients == clients).Result;
double BestRaw(string model) => raw.Where(r => r.Model == model && r.IntraOpThreads == 1).Max(r => r.ItemsPerSecond);
Console.WriteLine();
Console.WriteLine("| HTTP, one text per request | clients | batching on: items/s | p50 ms | p99 ms | mean batch | batching off: items/s | p50 ms | p99 ms |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
foreach (var model in bodies.Keys)
    foreach (var n in clientCounts)
    {
        var (a, b) = (Http("batching on", model, n), Http("batching off", model, n));
        var batch = http.Single(h => h.Config == "batching on" && h.Model == model && h.Clients == n).MeanBatch;
        Console.WriteLine($"| {model} | {n} | {a.ItemsPerSecond:F0} | {a.P50Ms:F2} | {a.P99Ms:F2} | {batch:F1} | {b.ItemsPerSecond:F0} | {b.P50Ms:F2} | {b.P99Ms:F2} |");
    }
Console.WriteLine();
var errors = http.Sum(h => h.Result.Errors) + rssRun!.Errors + besideTraining!.Errors;
var sentimentRaw1 = raw.Single(r => r.Model == "sentiment-imdb" && r.Batch == 1 && r.IntraOpThreads == 1);
(string Figure, double Value, string Goal)[] ratios =
[
    ("HTTP 1-client p50 / raw batch-1 p50 (sentiment), median of the paired rounds", Percentiles.Of(paired.Select(p => p.Http / p.Raw).ToList(), 50), "≤ 1.10"),
    ("the same from the grid's 1-client cell and the raw table (measured minutes apart)", Http("batching on", "sentiment-imdb", 1).P50Ms / sentimentRaw1.P50Ms, "(noisier)"),
    ("HTTP items/s at 32 clients / raw best batch (sentiment)", Http("batching on", "sentiment-imdb", 32).ItemsPerSecond / BestRaw("sentiment-imdb"), "≥ 0.85"),
    ("HTTP items/s at 32 clients / raw best batch (POS)", Http("batching on", "pos-brown", 32).ItemsPerSecond / BestRaw("pos-brown"), "≥ 0.85"),
    ("batching on / off, items/s at 32 clients (sentiment)", Http("batching on", "sentiment-imdb", 32).ItemsPerSecond / Http("batching off", "sentiment-imdb", 32).ItemsPerSecond, "≥ 4"),
    // Batching cannot gain more than one pass over a full batch gains over a pass per item (both on one thread).
    ("raw best batch / raw batch 1, items/s (sentiment): the most batching can gain", BestRaw("sentiment-imdb") / sentimentRaw1.ItemsPerSecond, "(bound on the line above)"),
    ("p99 / p50 at 32 clients with batching (sentiment)", Http("batching on", "sentiment-imdb", 32).P99Ms / Http("batching on", "sentiment-imdb", 32).P50Ms, "≤ 3"),
    ("p99 / p50 at 32 clients with batching (POS)", Http("batching on", "pos-brown", 32).P99Ms / Http("batching on", "pos-brown", 32).P50Ms, "≤ 3"),
    ($"RSS growth over {rssRun.Requests:N0} requests", (double)(rssAfter - rssBefore) / rssBefore, "≤ 5 %"),
    ("2 (default) / 1 inference threads, items/s at 32 clients (sentiment)", Http("batching on", "sentiment-imdb", 32).ItemsPerSecond / Http("on, 1 inference thread", "sentiment-imdb", 32).ItemsPerSecond, "(choice of default)"),
    ("2 (default) / 1 inference threads, items/s at 32 clients (POS)", Http("batching on", "pos-brown", 32).ItemsPerSecond / Http("on, 1 inference thread", "pos-brown", 32).ItemsPerSecond, "(choice of default)"),
    ("2 / 1 intra-op threads, raw batch 32 items/s (sentiment)", raw.Single(r => r.Model == "sentiment-imdb" && r.Batch == 32 && r.IntraOpThreads == 2).ItemsPerSecond
        / raw.Single(r => r.Model == "sentiment-imdb" && r.Batch == 32 && r.IntraOpThreads == 1).ItemsPerSecond, "(choice of default)"),
    ("MaxDelayMs 5 / 0, items/s at 32 clients (sentiment)", Http("on, MaxDelayMs 5", "sentiment-imdb", 32).ItemsPerSecond / Http("batching on", "sentiment-imdb", 32).ItemsPerSecond, "(choice of default)"),
    ("MaxDelayMs 20 / 0, items/s at 32 clients (sentiment)", Http("on, MaxDelayMs 20", "sentiment-imdb", 32).ItemsPerSecond / Http("batching on", "sentiment-imdb", 32).ItemsPerSecond, "(choice of default)"),
    ("p99 beside training / p99 alone, 32 clients (sentiment)", besideTraining.P99Ms / Http("batching on", "sentiment-imdb", 32).P99Ms, "(reported)"),
];
Console.WriteLine("| figure | this run | goal |");
Console.WriteLine("|---|---|---|");
foreach (var (figure, value, goal) in ratios)
    Console.WriteLine($"| {figure} | {(goal.Contains('%') ? $"{value * 100:F1} %" : $"{value:F2}")} | {goal} |");
Console.WriteLine($"| errors (non-200 or failed) over all HTTP runs | {errors} | 0 |");
Console.WriteLine($"| load average at the end | {File.ReadAllText("/proc/loadavg").Split(' ')[0]} | (machine load) |");
Console.WriteLine($"| serving beside a training run, 32 clients (sentiment) | {besideTraining.ItemsPerSecond:F0} items/s, p50 {besideTraining.P50Ms:F1} ms, p99 {besideTraining.P99Ms:F1} ms | (reported) |");
return 0;

static void CopyDirectory(string from, string to)
{
    foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
    {
        var copy = Path.Combine(to, Path.GetRelativePath(from, file));
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(file, copy);
    }
}

/// <summary>A scratch folder for the service's store and database, deleted at the end.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("seqserve-serving-bench-").FullName;
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
