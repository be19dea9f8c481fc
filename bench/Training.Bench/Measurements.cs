using SeqServe.Core.Text;
using System.Diagnostics;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Modeling;
using SeqServe.Core.Sentiment;
using SeqServe.Core.Training;
using static TorchSharp.torch;

namespace SeqServe.Training.Bench;

/// <summary>What one process measures at one intra-op thread count.</summary>
internal sealed record Figures(int Threads, double SeqServeStepMs, double MeanPaddedLength, int BatchesWithoutPadding, int Batches)
{
    public double BareDenseStepMs { get; init; }
    public double BarePackedStepMs { get; init; }
    public double DenseItemsPerSecond { get; init; }
    public double PackedItemsPerSecond { get; init; }
    public double InferenceMaxDifference { get; init; }
}

internal static class Measurements
{
    private const int Warmup = 2;

    /// <summary>
    /// Training steps through the real <see cref="Trainer"/> and <see cref="SentimentProblem"/> on the recipe's
    /// bucketed batches (forward, backward, Adam; no clipping, as the bare loop does none). The time of each
    /// step runs from the problem being asked for the loss to the trainer's progress report after Adam's step.
    /// </summary>
    public static double SeqServeStep(BenchShape shape, ImdbBatches data)
    {
        manual_seed(42);
        using var network = new SentimentNetwork(shape.SeqServeConfig(data.VocabularySize));
        var clock = new StepClock();
        var problem = new TimedProblem(new SentimentProblem(network, data.Train, data.Train), network, data, clock);
        var config = new TrainingConfig { Epochs = 1, BatchSize = shape.BatchSize, LearningRate = 1e-3, ClipNorm = 0, Seed = 42 };
        Trainer.Fit(problem, config, clock, CancellationToken.None);
        return clock.StepMs.Skip(Warmup).Average();
    }

    /// <summary>The bare loop: the same batches padded, the stacked module dense or packed, torch's own Adam.</summary>
    public static double BareStep(BenchShape shape, ImdbBatches data, bool packed, int steps)
    {
        manual_seed(42);
        using var model = new BareClassifier(shape with { Vocabulary = data.VocabularySize }, packed);
        model.train();
        using var adam = optim.Adam(model.parameters(), 1e-3);
        var times = new List<double>();
        foreach (var batch in data.Batches.Take(steps))
        {
            using var scope = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            adam.zero_grad();
            var (ids, lengths) = PaddedBatches.Pad(data.Sequences(batch));
            var loss = nn.functional.binary_cross_entropy_with_logits(model.call(ids, lengths), tensor(data.Labels(batch)));
            loss.backward();
            adam.step();
            loss.item<float>();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times.Skip(Warmup).Average();
    }

    /// <summary>
    /// Batched inference of the shipped sentiment model: test reviews in arrival order, batches of
    /// <paramref name="batchSize"/> (mixed lengths), inference mode and a dispose scope per batch; items/s
    /// with the dense encoder and with the packed reference, and the largest score difference between them.
    /// </summary>
    public static (double Dense, double Packed, double MaxDifference) Inference(string modelsRoot, IReadOnlyList<string> texts, int batchSize)
    {
        var store = new CheckpointStore(modelsRoot);
        const string model = "sentiment-imdb";
        var version = store.PromotedOrNewest(model);
        var manifest = store.ReadVerified(model, version);
        var dir = store.VersionDir(model, version);
        var config = ModelFiles.FromJson<SentimentNetworkConfig>(manifest.Architecture, "architecture");
        var tokenizer = new TextTokenizer(ModelFiles.FromJson<TokenizerSettings>(manifest.Preprocessing["tokenizer"], "tokenizer"));
        var vocabulary = Vocabulary.Load(Path.Combine(dir, Vocabulary.FileName));
        var ids = texts.Select(t => vocabulary.Encode(tokenizer.ModelTokens(t).Select(x => x.Text))).ToList();
        using var network = ModelFiles.LoadWeights(new SentimentNetwork(config), dir);

        (double PerSecond, float[] Scores) Run()
        {
            var scores = new List<float>();
            var clock = new Stopwatch();
            for (var start = 0; start < ids.Count; start += batchSize)
            {
                if (start == Warmup * batchSize) clock.Start();
                using var scope = NewDisposeScope();
                using var mode = inference_mode();
                var (x, lengths) = PaddedBatches.Pad(ids.Skip(start).Take(batchSize).ToList());
                scores.AddRange(sigmoid(network.call(x, lengths)).data<float>().ToArray());
            }
            return ((ids.Count - Warmup * batchSize) / clock.Elapsed.TotalSeconds, scores.ToArray());
        }

        var dense = Run();
        network.PackedReference = true;
        var packed = Run();
        network.PackedReference = false;
        var difference = dense.Scores.Zip(packed.Scores, (a, b) => Math.Abs(a - b)).Max();
        return (dense.PerSecond, packed.PerSecond, difference);
    }

    /// <summary>The recipe's problem, fed the bench's fixed batches, telling the clock when each step starts.</summary>
    private sealed class TimedProblem(SentimentProblem inner, nn.Module model, ImdbBatches data, StepClock clock) : ITrainingProblem
    {
        public nn.Module Model => model;
        public int TrainCount => data.Batches.Sum(b => b.Length);
        public IEnumerable<int[]> EpochBatches(Random rng, int batchSize) => data.Batches;

        public Tensor Loss(int[] batch)
        {
            clock.Begin();
            return inner.Loss(batch);
        }

        public ValidationResult Validate() => new(0);
    }
}
