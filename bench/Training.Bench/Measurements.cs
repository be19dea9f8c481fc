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
    /// <summary>Gate arithmetic per second over the reviews' real tokens (a lower bound: padding the encoder computes is not counted).</summary>
    public double DenseGflops { get; init; }
    /// <summary>A large float32 matrix product at the same thread count: what this core delivers to libtorch's GEMM.</summary>
    public double MatmulGflops { get; init; }
}

internal static class Measurements
{
    private const int Warmup = 2;

    /// <summary>
    /// Training steps through the real <see cref="Trainer"/> and <see cref="SentimentProblem"/> on the recipe's
    /// bucketed batches (forward, backward, Adam; no clipping, as the bare loop does none). The time of each
    /// step runs from the problem being asked for the loss to the trainer's progress report after Adam's step.
    /// With <paramref name="bare"/>, the bare loop takes its step on the same batch right next to each SeqServe
    /// step (before it on even batches, after it on odd ones, so neither side always runs on the other's warm
    /// caches), so both see the same moments of a noisy machine; returns both mean step times.
    /// </summary>
    public static (double SeqServe, double Bare) SeqServeStep(BenchShape shape, ImdbBatches data, BareLoop? bare = null)
    {
        manual_seed(42);
        using var network = new SentimentNetwork(shape.SeqServeConfig(data.VocabularySize));
        var clock = new StepClock();
        var bareTimes = new List<double>();
        var problem = new TimedProblem(new SentimentProblem(network, data.Train, data.Train), network, data, clock, bare, bareTimes);
        var config = new TrainingConfig { Epochs = 1, BatchSize = shape.BatchSize, LearningRate = 1e-3, ClipNorm = 0, Seed = 42 };
        Trainer.Fit(problem, config, clock, CancellationToken.None);
        return (clock.StepMs.Skip(Warmup).Average(), bareTimes.Count > Warmup ? bareTimes.Skip(Warmup).Average() : double.NaN);
    }

    /// <summary>The bare loop on its own over the first <paramref name="steps"/> batches (mean step time after warm-up).</summary>
    public static double BareStep(BenchShape shape, ImdbBatches data, bool packed, int steps)
    {
        using var bare = new BareLoop(shape, data, packed);
        return data.Batches.Take(steps).Select(bare.Step).Skip(Warmup).Average();
    }

    /// <summary>
    /// Batched inference of the shipped sentiment model: test reviews in arrival order, batches of
    /// <paramref name="batchSize"/> (mixed lengths), inference mode and a dispose scope per batch; items/s
    /// with the dense encoder and with the packed reference, and the largest score difference between them.
    /// </summary>
    public static (double Dense, double Packed, double MaxDifference, double DenseGflops) Inference(string modelsRoot, IReadOnlyList<string> texts, int batchSize)
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

        (double PerSecond, float[] Scores, double TokensPerSecond) Run()
        {
            var scores = new List<float>();
            var clock = new Stopwatch();
            long tokens = 0;
            for (var start = 0; start < ids.Count; start += batchSize)
            {
                if (start == Warmup * batchSize) clock.Start();
                using var scope = NewDisposeScope();
                using var mode = inference_mode();
                var batch = ids.Skip(start).Take(batchSize).ToList();
                var (x, lengths) = PaddedBatches.Pad(batch);
                scores.AddRange(sigmoid(network.call(x, lengths)).data<float>().ToArray());
                if (clock.IsRunning) tokens += batch.Sum(b => (long)b.Length);
            }
            var seconds = clock.Elapsed.TotalSeconds;
            return ((ids.Count - Warmup * batchSize) / seconds, scores.ToArray(), tokens / seconds);
        }

        var dense = Run();
        network.PackedReference = true;
        var packed = Run();
        network.PackedReference = false;
        var difference = dense.Scores.Zip(packed.Scores, (a, b) => Math.Abs(a - b)).Max();
        return (dense.PerSecond, packed.PerSecond, difference, dense.TokensPerSecond * GateFlopsPerPosition(config.Encoder) / 1e9);
    }

    /// <summary>
    /// Multiply-adds of the recurrent gates for one sequence position (every layer and direction): gates × (input +
    /// hidden) × hidden × 2 flops. The input projection and the recurrence are both counted; embedding and pooling are
    /// left out (they are small next to it).
    /// </summary>
    public static double GateFlopsPerPosition(RecurrentConfig encoder)
    {
        var gates = encoder.Cell switch { CellKind.Lstm => 4, CellKind.Gru => 3, _ => 1 };
        double flops = 0;
        for (var layer = 0; layer < encoder.Layers; layer++)
        {
            var input = layer == 0 ? encoder.InputSize : encoder.Hidden * encoder.Directions;
            flops += encoder.Directions * 2.0 * gates * (input + encoder.Hidden) * encoder.Hidden;
        }
        return flops;
    }

    /// <summary>GFLOP/s of a 1,024³ float32 matrix product (inference mode), the best of a few runs of about a second.</summary>
    public static double MatmulGflops()
    {
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var a = randn(1024, 1024);
        var b = randn(1024, 1024);
        mm(a, b).Dispose(); // warm-up
        var best = 0.0;
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            var count = 0;
            while (clock.Elapsed.TotalSeconds < 1) { mm(a, b).Dispose(); count++; }
            best = Math.Max(best, count * 2.0 * 1024 * 1024 * 1024 / clock.Elapsed.TotalSeconds / 1e9);
        }
        return best;
    }

    /// <summary>The recipe's problem, fed the bench's fixed batches, telling the clock when each step starts.</summary>
    private sealed class TimedProblem(SentimentProblem inner, nn.Module model, ImdbBatches data, StepClock clock,
        BareLoop? bare, List<double> bareTimes) : ITrainingProblem
    {
        public nn.Module Model => model;
        public int TrainCount => data.Batches.Sum(b => b.Length);
        public IEnumerable<int[]> EpochBatches(Random rng, int batchSize) => data.Batches;

        private int steps;

        public Tensor Loss(int[] batch)
        {
            if (bare is not null)
            {
                if (steps % 2 == 0) bareTimes.Add(bare.Step(batch));
                else clock.AfterStep = () => bareTimes.Add(bare.Step(batch));
            }
            steps++;
            clock.Begin();
            return inner.Loss(batch);
        }

        public ValidationResult Validate() => new(0);
    }
}

/// <summary>The bare loop: the bench's batches padded, the stacked module dense or packed, torch's own Adam.</summary>
internal sealed class BareLoop : IDisposable
{
    private readonly ImdbBatches data;
    private readonly BareClassifier model;
    private readonly optim.Optimizer adam;

    public BareLoop(BenchShape shape, ImdbBatches data, bool packed)
    {
        this.data = data;
        manual_seed(42);
        model = new BareClassifier(shape with { Vocabulary = data.VocabularySize }, packed);
        model.train();
        adam = optim.Adam(model.parameters(), 1e-3);
    }

    /// <summary>One training step on <paramref name="batch"/>; its time in ms.</summary>
    public double Step(int[] batch)
    {
        using var scope = NewDisposeScope();
        var clock = Stopwatch.StartNew();
        adam.zero_grad();
        var (ids, lengths) = PaddedBatches.Pad(data.Sequences(batch));
        var loss = nn.functional.binary_cross_entropy_with_logits(model.call(ids, lengths), tensor(data.Labels(batch)));
        loss.backward();
        adam.step();
        loss.item<float>();
        return clock.Elapsed.TotalMilliseconds;
    }

    public void Dispose()
    {
        adam.Dispose();
        model.Dispose();
    }
}
