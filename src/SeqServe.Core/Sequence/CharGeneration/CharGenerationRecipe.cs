using SeqServe.Core.Text;
using Microsoft.Extensions.Logging;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Sequence;
using SeqServe.Core.Modeling;
using SeqServe.Core.Serving;
using SeqServe.Core.Tasks;
using SeqServe.Core.Training;

namespace SeqServe.Core.Sequence.CharGeneration;

/// <summary>
/// Character-level language model on Moby Dick: embedding → stacked LSTM/GRU → softmax over characters
/// at every step, trained with truncated BPTT over <c>training.batchSize</c> parallel streams in windows of
/// <c>architecture.window</c> characters, the hidden state carried between batches. Reads architecture
/// cell, nonlinearity, hidden, layers, dropout, inputOutputDropout, embeddingDim, window. Held-out figure: bits per character.
/// </summary>
public sealed class CharGenerationRecipe : IModelRecipe
{
    public string Dataset => Data.Name;
    public DatasetInfo Data { get; } = new("moby-dick", "Moby Dick by Herman Melville, 140 chapters of plain text, for character-level models.",
        $"npm {MobyDickText.Package.Spec} moby-dick/data", "Apache-2.0 (package); the text is in the public domain", MobyDickText.Package, 140);
    public IReadOnlySet<string> Reads { get; } = RecipeFields.SharedAnd("architecture.embeddingDim", "architecture.inputEncoding", "architecture.window", "architecture.inputOutputDropout", "training.carryState");
    public string Task => SequenceTask.Name;
    public string Kind => CharGenerator.ServedKind;
    public string DefaultModel => "moby-dick-chars";
    /// <summary>Always carries its state (truncated BPTT over the book); <c>carryState: false</c> is refused.</summary>
    public bool CanCarryState => true;

    public static readonly RecurrentConfig DefaultEncoder = new() { Cell = CellKind.Lstm, Hidden = 512, Layers = 2, Dropout = 0.25 };
    public const int DefaultEmbeddingDim = 64;
    public const double DefaultInputOutputDropout = 0.25;
    public const int DefaultWindow = 64;
    /// <summary>Parallel streams when evaluating held-out text (each starts from a zero state).</summary>
    public const int EvaluationStreams = 8;

    public TrainingConfig DefaultTraining { get; } = new()
    {
        Epochs = 60, BatchSize = 32, LearningRate = 0.002, LrDecay = 0.95, ClipNorm = 5.0, MaxMinutes = 105, Patience = 4, CarryState = true,
    };

    public void Validate(JobSpec spec, IDictionary<string, string[]> errors)
    {
        if (spec.Architecture?.Bidirectional == true)
            SpecBounds.Add(errors, "architecture.bidirectional", "a generator reads left to right: bidirectional is not supported.");
        if (spec.Training?.CarryState == false && spec.Architecture?.Encoder != "transformer")
            SpecBounds.Add(errors, "training.carryState", "moby-dick always trains over long streams with the state carried: leave it out or true.");
        if (spec.Architecture?.InputEncoding is "one-hot")
            SpecBounds.Add(errors, "architecture.inputEncoding", "moby-dick uses an embedding for its characters: only 'embedding' is supported.");
    }

    /// <summary>For the cost check: steps per example, training examples, numbers stored per step, embedding/head parameters.</summary>
    public JobShape Shape(JobSpec spec)
    {
        var t = this.TrainingFor(spec);
        return new JobShape(ArchitectureResolver.Encoder(spec.Architecture, DefaultEncoder, inputSize: spec.Architecture?.EmbeddingDim ?? DefaultEmbeddingDim), t,
            Steps: spec.Architecture?.Window ?? DefaultWindow, Examples: (t.MaxExamples ?? 1_000_000) / (spec.Architecture?.Window ?? DefaultWindow) + 1, FloatsPerStep: 2, OtherParameters: 128L * (spec.Architecture?.EmbeddingDim ?? DefaultEmbeddingDim) + 128L * (spec.Architecture?.Hidden ?? DefaultEncoder.Hidden));
    }

    public TrainedModel Train(RecipeRun run)
    {
        var spec = run.Spec.Architecture;
        var training = run.Training;
        var window = spec?.Window ?? DefaultWindow;
        var text = MobyDickText.Load(run.Packages, run.Cancel);
        var trainText = training.MaxExamples is { } max && max < text.Train.Length ? text.Train[..max] : text.Train;
        var vocabulary = CharVocabulary.FromText(text.Train);
        run.Log.LogInformation("moby-dick: {Train} train, {Valid} validation, {Test} test characters, {Vocab} symbols",
            trainText.Length, text.Validation.Length, text.Test.Length, vocabulary.Alphabet.Length);

        var embeddingDim = spec?.EmbeddingDim ?? DefaultEmbeddingDim;
        var config = ArchitectureResolver.Step(spec, DefaultEncoder, embeddingDim, outputs: vocabulary.Size,
            vocabulary: vocabulary.Size, defaultInputOutputDropout: DefaultInputOutputDropout, context: window);
        var network = new StepNetwork(config);
        using var train = CharStreams.Create(vocabulary.Encode(trainText), training.BatchSize, window);
        using var validation = CharStreams.Create(vocabulary.Encode(text.Validation), EvaluationStreams, window);
        using var problem = new CarriedStateProblem(network, train, (logits, targets) => CharStreams.Loss(logits, targets),
            () => new ValidationResult(validation.NatsPerChar(network)), carry: !config.Encoder.IsTransformer);
        var outcome = run.Fit(problem);

        using var test = CharStreams.Create(vocabulary.Encode(text.Test), EvaluationStreams, window);
        var (testNats, itemsPerSecond) = Throughput.Measure(text.Test.Length, () => test.NatsPerChar(network));
        var best = outcome.History.First(h => h.Epoch == outcome.BestEpoch);
        run.Log.LogInformation("moby-dick: {Bits:F3} bits/char on the test chapters", testNats / Math.Log(2));

        return new TrainedModel(network, ModelFiles.ToJson(config),
            new DatasetRef(Dataset, $"npm {MobyDickText.Package.Spec} moby-dick/data/*.txt", MobyDickText.SplitRule,
                new()
                {
                    ["trainChapters"] = text.FileCounts["train"], ["validationChapters"] = text.FileCounts["validation"],
                    ["testChapters"] = text.FileCounts["test"], ["trainChars"] = trainText.Length,
                    ["validationChars"] = text.Validation.Length, ["testChars"] = text.Test.Length,
                }))
        {
            Preprocessing = ModelFiles.ToJson(new CharPreprocessing(vocabulary.Alphabet, window)),
            Baseline = "unigram",
            Metrics = new()
            {
                ["testBitsPerChar"] = testNats / Math.Log(2),
                [Throughput.MetricName] = itemsPerSecond,
                ["baselineBitsPerChar"] = UnigramBaseline.BitsPerChar(vocabulary.Encode(text.Train), vocabulary.Encode(text.Test), vocabulary.Size),
                ["validBitsPerChar"] = best.ValidLoss / Math.Log(2),
            },
        };
    }

    public IServedModel Load(CheckpointManifest manifest, string versionDir)
    {
        var preprocessing = ModelFiles.FromJson<CharPreprocessing>(manifest.Preprocessing, "preprocessing");
        var vocabulary = new CharVocabulary(preprocessing.Alphabet);
        var network = ModelFiles.LoadStepNetwork(manifest, versionDir);
        if (vocabulary.Size != network.Config.Outputs)
        {
            network.Dispose();
            throw new CheckpointException($"the alphabet has {vocabulary.Size} symbols but the network {network.Config.Outputs} outputs");
        }
        return new CharGenerator(network, vocabulary);
    }
}

/// <summary>The alphabet (id i+1 is <c>Alphabet[i]</c>, id 0 an unknown character) and the training window.</summary>
public sealed record CharPreprocessing(string Alphabet, int Window);
