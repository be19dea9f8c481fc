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
/// layers, bidirectional, dropout, nonlinearity and window (steps per training window, default 50);
/// maxExamples sets the number of training windows (default 800; validation and test get 200 each).
/// Metric: testRmse over all steps of the test windows, and testRmseAfterWarmup from step 5 on.
/// </summary>
public sealed class SineCosineRecipe : IModelRecipe
{
    public const int WarmupSteps = 5;
    private const int DefaultWindows = 800, HeldOutWindows = 200, DefaultWindow = 50;

    public string Dataset => "sine-cosine";
    public string Task => "sequence";
    public string Kind => "per-step";
    public string DefaultModel => "sine-cosine";

    public static readonly RecurrentConfig DefaultEncoder = new() { Cell = CellKind.Lstm, Hidden = 32, Layers = 1 };

    public static readonly TrainingConfig DefaultTraining = new()
    {
        Epochs = 30, BatchSize = 32, LearningRate = 0.01, Patience = 5, MaxMinutes = 10,
    };

    public CheckpointManifest Train(RecipeContext context)
    {
        var spec = context.Spec;
        var training = (spec.Training ?? new TrainingSpec()).Resolve(DefaultTraining);
        var steps = spec.Architecture?.Window ?? DefaultWindow;
        var rng = Trainer.Seed(training.Seed);
        var train = new SineCosineData(training.MaxExamples ?? DefaultWindows, steps, rng);
        var valid = new SineCosineData(HeldOutWindows, steps, rng);
        var test = new SineCosineData(HeldOutWindows, steps, rng);

        var config = new StepNetworkConfig
        {
            Encoder = ArchitectureResolver.Encoder(spec.Architecture, DefaultEncoder, inputSize: 1),
            Outputs = 1,
        };
        using var network = new StepNetwork(config);
        var outcome = Trainer.Fit(new Problem(network, train, valid), training, context.Listener, context.Cancel);

        var (rmse, rmseAfterWarmup) = Evaluate(network, test);
        ModelFiles.SaveWeights(network, context.OutputDir);
        return this.Draft(context, ModelFiles.ToJson(config), training, outcome,
            new DatasetRef(Dataset, "generated from the training seed",
                $"seeded windows of {steps} steps (t advances {SineCosineData.StepSize} per step): train, then validation and test windows drawn after them from the same generator",
                new() { ["train"] = train.Count, ["validation"] = valid.Count, ["test"] = test.Count }))
        with
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

    private static (double All, double AfterWarmup) Evaluate(StepNetwork network, SineCosineData test)
    {
        var predicted = new PerStepRegressor(network).Predict(test.Inputs.Select(w => w.Select(x => new[] { x }).ToArray()).ToArray());
        double all = 0, late = 0;
        int nAll = 0, nLate = 0;
        for (var w = 0; w < test.Count; w++)
            for (var i = 0; i < test.Targets[w].Length; i++)
            {
                var e = predicted[w][i] - test.Targets[w][i];
                all += e * e; nAll++;
                if (i >= WarmupSteps) { late += e * e; nLate++; }
            }
        return (Math.Sqrt(all / nAll), Math.Sqrt(late / Math.Max(1, nLate)));
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
