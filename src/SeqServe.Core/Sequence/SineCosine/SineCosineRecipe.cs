using SeqServe.Core.Data;
using SeqServe.Core.Sequence;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Modeling;
using SeqServe.Core.Sequence.Shared;
using SeqServe.Core.Serving;
using SeqServe.Core.Tasks;
using SeqServe.Core.Training;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.SineCosine;

/// <summary>
/// sin(t) → cos(t) at every step (the seeds' per-step regression). Reads architecture cell, hidden,
/// layers, bidirectional, dropout, inputOutputDropout, nonlinearity and window (steps per training window, default 50);
/// maxExamples sets the number of training windows (default 800; validation and test get 200 each).
/// Two training regimes: independent windows, each from a zero state (default), or
/// <c>training.carryState</c>: the windows are consecutive pieces of <c>batchSize</c> long streams and the
/// hidden state is carried from one window to the next (seed 004). Metric: testRmse over all steps, and
/// testRmseAfterWarmup from step <see cref="WarmupSteps"/> of each test window on — or, for carried-state
/// training, from step <see cref="StreamWarmupSteps"/> of each test stream on: a model that almost always
/// starts from a carried state takes a few dozen steps to lock on from a zero one.
/// </summary>
public sealed class SineCosineRecipe : IModelRecipe
{
    public const int WarmupSteps = 5, StreamWarmupSteps = 50;
    private const int DefaultWindows = 800, HeldOutWindows = 200, DefaultWindow = 50, HeldOutStreams = 8;

    public string Dataset => Data.Name;
    public DatasetInfo Data { get; } = new("sine-cosine", "Synthetic: windows of sin(t) in, cos(t) out at every step (the seeds' regression task).",
        "generated from the job's seed", "n/a (synthetic)", null, null);
    public IReadOnlySet<string> Reads { get; } = RecipeFields.SharedAnd("architecture.window", "architecture.inputOutputDropout", "training.carryState");
    public string Task => SequenceTask.Name;
    public string Kind => PerStepRegressor.ServedKind;
    public string DefaultModel => "sine-cosine";
    public bool CanCarryState => true;

    public static readonly RecurrentConfig DefaultEncoder = new() { Cell = CellKind.Lstm, Hidden = 32, Layers = 1 };

    public TrainingConfig DefaultTraining { get; } = new()
    {
        Epochs = 30, BatchSize = 32, LearningRate = 0.01, Patience = 5, MaxMinutes = 10,
    };

    public void Validate(JobSpec spec, IDictionary<string, string[]> errors)
    {
        if (spec.Training?.CarryState == true && spec.Architecture?.Bidirectional == true)
            SpecBounds.Add(errors, "architecture.bidirectional", "a state carried forward from window to window cannot feed a backward direction: use carryState or bidirectional, not both.");
    }

    /// <summary>For the cost check: steps per example, training examples, numbers stored per step, embedding/head parameters.</summary>
    public JobShape Shape(JobSpec spec)
    {
        var t = this.TrainingFor(spec);
        return new JobShape(ArchitectureResolver.Encoder(spec.Architecture, DefaultEncoder, inputSize: 1), t,
            Steps: spec.Architecture?.Window ?? DefaultWindow, Examples: t.MaxExamples ?? DefaultWindows, FloatsPerStep: 2, OtherParameters: 0);
    }

    public TrainedModel Train(RecipeRun run)
    {
        var training = run.Training;
        var steps = run.Architecture?.Window ?? DefaultWindow;
        var windows = training.MaxExamples ?? DefaultWindows;
        var rng = run.Random;
        var config = ArchitectureResolver.Step(run.Architecture, DefaultEncoder, inputSize: 1, outputs: 1, context: steps);
        var network = new StepNetwork(config);

        double rmse, rmseAfterWarmup;
        string split;
        Dictionary<string, int> counts;
        if (training.CarryState && !config.Encoder.IsTransformer)
        {
            // batchSize streams, each as long as the windows it takes to hold about `windows` windows in all.
            var perStream = Math.Max(1, (windows + training.BatchSize - 1) / training.BatchSize);
            var heldOutPerStream = HeldOutWindows / HeldOutStreams;
            var train = new SineCosineData(training.BatchSize, perStream * steps, rng);
            var valid = new SineCosineData(HeldOutStreams, heldOutPerStream * steps, rng);
            var test = new SineCosineData(HeldOutStreams, heldOutPerStream * steps, rng);
            using var trainStreams = Streams(train, steps);
            using var validStreams = Streams(valid, steps);
            using var problem = new CarriedStateProblem(network, trainStreams, (y, target) => nn.functional.mse_loss(y, target),
                () => new ValidationResult(SquaredErrors(network, validStreams, StreamWarmupSteps).Mean));
            run.Fit(problem);
            using var testStreams = Streams(test, steps);
            var errors = SquaredErrors(network, testStreams, StreamWarmupSteps);
            (rmse, rmseAfterWarmup) = (Math.Sqrt(errors.Mean), Math.Sqrt(errors.MeanAfterWarmup));
            split = $"seeded continuous streams cut into consecutive windows of {steps} steps, the hidden state carried across windows " +
                $"(t advances {SineCosineData.StepSize} per step): {train.Count} training streams of {perStream * steps} steps, then " +
                $"validation and test streams of {heldOutPerStream * steps} steps drawn after them from the same generator";
            counts = new() { ["trainStreams"] = train.Count, ["validationStreams"] = valid.Count, ["testStreams"] = test.Count,
                ["trainWindows"] = train.Count * perStream };
        }
        else
        {
            var train = new SineCosineData(windows, steps, rng);
            var valid = new SineCosineData(HeldOutWindows, steps, rng);
            var test = new SineCosineData(HeldOutWindows, steps, rng);
            run.Fit(new Problem(network, train, valid));
            // Every test window is its own one-window stream, read from a zero state.
            using var testWindows = Streams(test, steps);
            var errors = SquaredErrors(network, testWindows, WarmupSteps);
            (rmse, rmseAfterWarmup) = (Math.Sqrt(errors.Mean), Math.Sqrt(errors.MeanAfterWarmup));
            split = $"seeded windows of {steps} steps (t advances {SineCosineData.StepSize} per step): train, then validation and test windows drawn after them from the same generator";
            counts = new() { ["train"] = train.Count, ["validation"] = valid.Count, ["test"] = test.Count };
        }

        return new TrainedModel(network, ModelFiles.ToJson(config), new DatasetRef(Dataset, "generated from the training seed", split, counts))
        {
            Preprocessing = new() { ["window"] = steps },
            Metrics = new() { ["testRmse"] = rmse, ["testRmseAfterWarmup"] = rmseAfterWarmup },
        };
    }

    public IServedModel Load(CheckpointManifest manifest, string versionDir)
    {
        var config = ModelFiles.FromJson<StepNetworkConfig>(manifest.Architecture, "architecture");
        return new PerStepRegressor(ModelFiles.LoadWeights(new StepNetwork(config), versionDir));
    }

    private static StreamWindows Streams(SineCosineData data, int window)
    {
        var length = data.Inputs[0].Length;
        return new StreamWindows(tensor(data.Inputs.SelectMany(s => s).ToArray(), [data.Count, length, 1]),
            tensor(data.Targets.SelectMany(s => s).ToArray(), [data.Count, length, 1]), window);
    }

    /// <summary>Mean squared error over the streams read with the state carried, overall and after each stream's first <paramref name="warmup"/> steps.</summary>
    private static (double Mean, double MeanAfterWarmup) SquaredErrors(StepNetwork network, StreamWindows streams, int warmup)
    {
        double all = 0, late = 0;
        long nAll = 0, nLate = 0;
        streams.Evaluate(network, (w, y, target) =>
        {
            var errors = (y - target).square().squeeze(-1); // (streams, steps)
            all += errors.sum().item<float>();
            nAll += errors.numel();
            var skip = (int)Math.Clamp(warmup - w * streams.Window, 0, errors.shape[1]);
            var rest = errors.narrow(1, skip, errors.shape[1] - skip);
            late += rest.sum().item<float>();
            nLate += rest.numel();
        });
        return (all / nAll, late / Math.Max(1, nLate));
    }

    private sealed class Problem(StepNetwork network, SineCosineData train, SineCosineData valid) : ITrainingProblem
    {
        public nn.Module Model => network;
        public int TrainCount => train.Count;

        public Tensor Loss(int[] batch) => Mse(network, train, batch);

        public ValidationResult Validate() =>
            new(Mse(network, valid, Enumerable.Range(0, valid.Count).ToArray()).item<float>());

        private static Tensor Mse(StepNetwork network, SineCosineData data, int[] batch)
        {
            var steps = data.Inputs[0].Length;
            var x = tensor(batch.SelectMany(i => data.Inputs[i]).ToArray(), [batch.Length, steps, 1]);
            var y = tensor(batch.SelectMany(i => data.Targets[i]).ToArray(), [batch.Length, steps, 1]);
            return nn.functional.mse_loss(network.call(x), y);
        }
    }
}
