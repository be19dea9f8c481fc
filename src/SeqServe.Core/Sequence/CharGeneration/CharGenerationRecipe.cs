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
/// <c>training.extraText</c> adds other public-domain English (<see cref="SotuText"/>) to every epoch's training text,
/// <c>training.extraCharsPerEpoch</c> characters of it at a time; <c>training.initFrom</c> continues from an earlier
/// version. The alphabet is always the book's training chapters' (other characters read as the unknown id), so
/// versions trained with and without extra text can warm-start each other.
/// </summary>
public sealed class CharGenerationRecipe : IModelRecipe
{
    public string Dataset => Data.Name;
    public DatasetInfo Data { get; } = new("moby-dick", "Moby Dick by Herman Melville, 140 chapters of plain text, for character-level models.",
        $"npm {MobyDickText.Package.Spec} moby-dick/data", "Apache-2.0 (package); the text is in the public domain", MobyDickText.Package, 140);
    public IReadOnlySet<string> Reads { get; } = RecipeFields.SharedAnd("architecture.embeddingDim", "architecture.inputEncoding", "architecture.window", "architecture.inputOutputDropout", "training.carryState",
        "training.initFrom", "training.extraText", "training.extraCharsPerEpoch");
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
    public const int MinExtraCharsPerEpoch = 10_000;
    public const int MaxExtraCharsPerEpoch = 20_000_000;

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
        WarmStart.Validate(spec, errors);
        if (spec.Training?.ExtraText is { } extra && SotuText.Check(extra) is { } problem)
            SpecBounds.Add(errors, "training.extraText", problem);
        if (spec.Training?.ExtraCharsPerEpoch is { } perEpoch)
        {
            if (spec.Training.ExtraText is null)
                SpecBounds.Add(errors, "training.extraCharsPerEpoch", "only with training.extraText.");
            else if (perEpoch is < MinExtraCharsPerEpoch or > MaxExtraCharsPerEpoch)
                SpecBounds.Add(errors, "training.extraCharsPerEpoch", $"must be between {MinExtraCharsPerEpoch:N0} and {MaxExtraCharsPerEpoch:N0} (got {perEpoch}).");
        }
    }

    /// <summary>For the cost check: steps per example, training examples, numbers stored per step, embedding/head parameters.</summary>
    public JobShape Shape(JobSpec spec)
    {
        var t = this.TrainingFor(spec);
        return new JobShape(ArchitectureResolver.Encoder(spec.Architecture, DefaultEncoder, inputSize: spec.Architecture?.EmbeddingDim ?? DefaultEmbeddingDim), t,
            Steps: spec.Architecture?.Window ?? DefaultWindow,
            Examples: ((t.MaxExamples ?? 1_000_000) + (t.ExtraText is null ? 0 : t.ExtraCharsPerEpoch ?? 1_000_000)) / (spec.Architecture?.Window ?? DefaultWindow) + 1, FloatsPerStep: 2, OtherParameters: 128L * (spec.Architecture?.EmbeddingDim ?? DefaultEmbeddingDim) + 128L * (spec.Architecture?.Hidden ?? DefaultEncoder.Hidden));
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
        // The weights a warm start begins from carry what they were trained on: the manifest names those sources too.
        IReadOnlyList<DataSource> inherited = [];
        if (training.InitFrom is { } from)
        {
            var priorManifest = WarmStart.Load(run, network, config, from).Manifest;
            var prior = ModelFiles.FromJson<CharPreprocessing>(priorManifest.Preprocessing, "preprocessing");
            if (prior.Alphabet != vocabulary.Alphabet)
                throw new CheckpointException($"training.initFrom {run.ModelName}/{from} has another alphabet than this run's");
            inherited = [.. (priorManifest.Dataset.ExtraSources ?? []).Select(s => s with { Use = $"in the weights this run started from ({from}): {s.Use}" })];
        }
        var extra = training.ExtraText is { } extraName ? SotuText.Load(run.Packages, extraName, run.Cancel) : null;
        var book = vocabulary.Encode(trainText);
        using var epochs = new EpochTexts(book, extra is null ? null : vocabulary.Encode(extra.Text),
            training.ExtraCharsPerEpoch ?? book.Length, vocabulary.IdOf('\n'), training.BatchSize, window);
        if (extra is not null)
            run.Log.LogInformation("extra text {Name}: {Files} files ({First}–{Last}), {Chars} characters ({Unknown} outside the book's alphabet); {PerEpoch} of them in every epoch",
                extra.Name, extra.Files, extra.FirstYear, extra.LastYear, extra.Text.Length, extra.Text.Count(c => !vocabulary.Knows(c)), epochs.ExtraPerEpoch);
        using var validation = CharStreams.Create(vocabulary.Encode(text.Validation), EvaluationStreams, window);
        using var problem = new CarriedStateProblem(network, epochs.ForEpoch, (logits, targets) => CharStreams.Loss(logits, targets),
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
                    ["extraFiles"] = extra?.Files ?? 0, ["extraChars"] = extra?.Text.Length ?? 0, ["extraCharsPerEpoch"] = epochs.ExtraPerEpoch,
                })
            {
                ExtraSources = extra is null && inherited.Count == 0 ? null :
                [
                    .. inherited,
                    .. extra is null ? [] : new[]
                    {
                        new DataSource(extra.Name, extra.Source, SotuText.Licence, extra.Files, extra.Text.Length,
                            $"training only: the State of the Union addresses of {extra.FirstYear}–{extra.LastYear}, {epochs.ExtraPerEpoch:N0} characters of them " +
                            "added to every epoch beside the book's training chapters, read on cyclically"),
                    },
                ],
            })
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
