using System.Text.Json;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Sentiment;
using SeqServe.Core.Tasks;
using SeqServe.Core.Training;
using SeqServe.Sentiment.Bench;

// Usage:
//   Sentiment.Bench train [spec.json] [checkpoint-root]   train the IMDB recipe once (for experiments)
//   Sentiment.Bench compare [checkpoint-root]            SeqServe's promoted sentiment-imdb vs ML.NET, same split
//   Sentiment.Bench short-texts [checkpoint-root] [model...]  every sentiment model as served: IMDB TEST and sentence-set accuracy, ECE
var mode = args.FirstOrDefault() ?? "compare";
var cache = new PackageCache(Environment.GetEnvironmentVariable("SEQSERVE_DATA_CACHE") is { Length: > 0 } c ? c : ".data-cache");
var log = new ConsoleLog();
var recipe = new ImdbSentimentRecipe();

if (mode == "steptime") { StepTiming.Run(); return 0; }
if (mode == "short-texts") return ShortTexts.Run(cache, args.Length > 1 ? args[1] : "models", args.Skip(2).ToList());

if (mode == "train")
{
    var spec = args.Length > 1 && args[1] != "-"
        ? JsonSerializer.Deserialize<JsonSpecFile>(File.ReadAllText(args[1]), CheckpointManifest.Json)!.ToSpec()
        : new JobSpec();
    var store = new CheckpointStore(args.Length > 2 ? args[2] : "bench-models");
    var committed = ModelTraining.TrainAndCommit(recipe, spec with { Promote = false }, recipe.DefaultModel, store, cache, log, log,
        CancellationToken.None);
    ConsoleLog.Write($"committed {committed.Name}/{committed.Version}: " +
                     string.Join(", ", committed.Metrics.Select(kv => $"{kv.Key}={kv.Value:F4}")) +
                     $", {committed.TrainingSeconds:F0} s");
    return 0;
}

return await Comparison.Run(recipe, cache, args.Length > 1 ? args[1] : "models");

/// <summary>A job spec as a file (architecture + training only).</summary>
internal sealed record JsonSpecFile(ArchitectureSpec? Architecture, TrainingSpec? Training)
{
    public JobSpec ToSpec() => new() { Architecture = Architecture, Training = Training, Task = "sentiment", Dataset = "imdb" };
}
