using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Sentiment;

namespace SeqServe.Sentiment.Bench;

/// <summary>
/// SeqServe's promoted sentiment model next to ML.NET's text pipelines on the same IMDB split: ML.NET
/// trains on all of TRAIN (39,641 reviews; SeqServe fits on TRAIN minus its validation part), everyone
/// is scored on the 9,941 TEST reviews. Prints accuracy, F1, AUC, training time, single-review latency
/// (a ~230-word review, median of 50 calls after warm-up) and batch throughput (all of TEST).
/// </summary>
internal static class Comparison
{
    private sealed class Row
    {
        public string Text { get; set; } = "";
        public bool Label { get; set; }
    }

    private sealed class Prediction
    {
        public bool PredictedLabel { get; set; }
        public float Score { get; set; }
    }

    private sealed record Figures(string Name, double Accuracy, double F1, double Auc, double TrainSeconds, double LatencyMs, double PerSecond);

    public static Task<int> Run(ImdbSentimentRecipe recipe, PackageCache cache, string modelsRoot)
    {
        var split = ImdbDataset.Load(cache);
        var test = split.Test;
        var probe = test.OrderBy(r => Math.Abs(r.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length - 230)).First().Text;
        ConsoleLog.Write($"split: {split.Train.Count + split.Valid.Count} train, {test.Count} test ({test.Count(r => r.Positive)} positive); " +
                         $"latency probe has {probe.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length} words");

        var figures = new List<Figures> { SeqServe(recipe, modelsRoot, test, probe) };
        var ml = new MLContext(seed: 42);
        var train = ml.Data.LoadFromEnumerable(split.Train.Concat(split.Valid).Select(r => new Row { Text = r.Text, Label = r.Positive }));
        var testView = ml.Data.LoadFromEnumerable(test.Select(r => new Row { Text = r.Text, Label = r.Positive }));

        figures.Add(MlNet(ml, "ML.NET FeaturizeText + SdcaLogisticRegression (default)",
            ml.Transforms.Text.FeaturizeText("Features", nameof(Row.Text))
                .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(nameof(Row.Label))),
            train, testView, test.Count, probe, calibrated: true));

        var tfidf = new TextFeaturizingEstimator.Options
        {
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
        };
        figures.Add(MlNet(ml, "ML.NET FeaturizeText (word 1-2 + char 3 TF-IDF) + AveragedPerceptron",
            ml.Transforms.Text.FeaturizeText("Features", tfidf, nameof(Row.Text))
                .Append(ml.BinaryClassification.Trainers.AveragedPerceptron(nameof(Row.Label))),
            train, testView, test.Count, probe, calibrated: false));

        Console.WriteLine();
        Console.WriteLine($"IMDB test split ({test.Count} reviews), {Environment.ProcessorCount} cores, OMP_NUM_THREADS={Environment.GetEnvironmentVariable("OMP_NUM_THREADS") ?? "unset"}");
        Console.WriteLine("| model | accuracy | F1 | AUC | training | 1-review latency | batch throughput |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var f in figures)
            Console.WriteLine($"| {f.Name} | {f.Accuracy:P2} | {f.F1:F4} | {f.Auc:F4} | {f.TrainSeconds:F0} s | {f.LatencyMs:F1} ms | {f.PerSecond:F0} reviews/s |");
        return Task.FromResult(0);
    }

    private static Figures SeqServe(ImdbSentimentRecipe recipe, string modelsRoot, IReadOnlyList<Review> test, string probe)
    {
        var store = new CheckpointStore(modelsRoot);
        var version = store.PromotedOrNewest(recipe.DefaultModel);
        var manifest = store.ReadVerified(recipe.DefaultModel, version);
        var scorer = (ISentimentScorer)recipe.Load(manifest, store.VersionDir(recipe.DefaultModel, version));
        scorer.WarmUp();
        var latency = Median(() => scorer.Score([probe]));

        var clock = Stopwatch.StartNew();
        var scores = new List<float>(test.Count);
        foreach (var chunk in test.Select(r => r.Text).Chunk(64))
            scores.AddRange(scorer.Score(chunk).Select(r => r.Score));
        var perSecond = test.Count / clock.Elapsed.TotalSeconds;
        var m = BinaryMetrics.Compute(scores, test.Select(r => r.Positive).ToList());
        return new Figures($"SeqServe {recipe.DefaultModel} {version}", m.Accuracy, m.F1, m.Auc, manifest.TrainingSeconds, latency, perSecond);
    }

    private static Figures MlNet(MLContext ml, string name, IEstimator<ITransformer> pipeline, IDataView train, IDataView test,
        int testCount, string probe, bool calibrated)
    {
        ConsoleLog.Write($"training {name}");
        var clock = Stopwatch.StartNew();
        var model = pipeline.Fit(train);
        var trainSeconds = clock.Elapsed.TotalSeconds;
        ConsoleLog.Write($"trained in {trainSeconds:F0} s");

        clock.Restart();
        var predictions = model.Transform(test);
        var (accuracy, f1, auc) = calibrated
            ? Pick(ml.BinaryClassification.Evaluate(predictions, nameof(Row.Label)))
            : Pick(ml.BinaryClassification.EvaluateNonCalibrated(predictions, nameof(Row.Label)));
        var perSecond = testCount / clock.Elapsed.TotalSeconds;

        var engine = ml.Model.CreatePredictionEngine<Row, Prediction>(model);
        var latency = Median(() => engine.Predict(new Row { Text = probe }));
        return new Figures(name, accuracy, f1, auc, trainSeconds, latency, perSecond);
    }

    private static (double, double, double) Pick(BinaryClassificationMetrics m) => (m.Accuracy, m.F1Score, m.AreaUnderRocCurve);

    private static double Median(Action call)
    {
        for (var i = 0; i < 5; i++) call();
        var times = new double[50];
        for (var i = 0; i < times.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            call();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[times.Length / 2];
    }
}
