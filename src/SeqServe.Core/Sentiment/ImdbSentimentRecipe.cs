using SeqServe.Core.Data;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Modeling;
using SeqServe.Core.Serving;
using SeqServe.Core.Tasks;
using SeqServe.Core.Text;
using SeqServe.Core.Training;

namespace SeqServe.Core.Sentiment;

/// <summary>
/// Sentiment on the IMDB reviews: GloVe-initialised embedding → shared recurrent encoder → pooling →
/// logit. Reads from the request's architecture: cell, nonlinearity, hidden, layers, bidirectional,
/// dropout, embeddingDim, pretrainedEmbeddings ("glove-100d" | "none"), freezeEmbeddings, pooling,
/// maxTokens, maxVocabulary, minFrequency.
/// </summary>
public sealed class ImdbSentimentRecipe : IModelRecipe
{
    public const int MinMaxTokens = 8, MaxMaxTokens = 2000;
    public const int MinVocabulary = 16, MaxVocabularyLimit = 100_000;
    public const int MaxMinFrequency = 1000;
    public static readonly string[] PretrainedChoices = [GloVeCache.Name, "none"];

    public string Dataset => Data.Name;
    public DatasetInfo Data { get; } = new("imdb", "50,000 IMDB movie reviews labelled positive/negative (Maas et al. 2011).",
        $"npm {ImdbDataset.Package.Spec} reviews.json", "MIT (package); cite Maas et al., ACL 2011", ImdbDataset.Package, 50000);
    public IReadOnlySet<string> Reads { get; } = RecipeFields.SharedAnd("architecture.embeddingDim", "architecture.pretrainedEmbeddings", "architecture.freezeEmbeddings", "architecture.pooling", "architecture.maxTokens", "architecture.maxVocabulary", "architecture.minFrequency");
    public string Task => SentimentTask.Name;
    public string Kind => SentimentScorer.ServedKind;
    public string DefaultModel => "sentiment-imdb";

    public static readonly RecurrentConfig DefaultEncoder = new()
    {
        Cell = CellKind.Lstm, Hidden = 128, Layers = 1, Bidirectional = true, Dropout = 0.3,
    };

    public TrainingConfig DefaultTraining { get; } = new()
    {
        Epochs = 3, BatchSize = 64, LearningRate = 0.002, Optimizer = "adam", Seed = 42, ClipNorm = 5.0,
        MaxMinutes = 30, Patience = 2,
    };

    public void Validate(JobSpec spec, IDictionary<string, string[]> errors)
    {
        var a = spec.Architecture;
        if (a is null) return;
        Range(errors, "architecture.maxTokens", a.MaxTokens, MinMaxTokens, MaxMaxTokens);
        Range(errors, "architecture.maxVocabulary", a.MaxVocabulary, MinVocabulary, MaxVocabularyLimit);
        Range(errors, "architecture.minFrequency", a.MinFrequency, 1, MaxMinFrequency);
        if (a.Pooling == "last" && a.Encoder == "transformer")
            SpecBounds.Add(errors, "architecture.pooling", "'last' pools the final recurrent state, which a transformer does not have: use 'max' or 'attention'.");
        if (a.PretrainedEmbeddings is { } p && !PretrainedChoices.Contains(p))
            SpecBounds.Add(errors, "architecture.pretrainedEmbeddings", $"must be 'glove-100d' or 'none' (got '{p}').");
        if (a.PretrainedEmbeddings is null or "glove-100d" && a.EmbeddingDim is { } dim && dim != 100)
            SpecBounds.Add(errors, "architecture.embeddingDim", "must be 100 with pretrainedEmbeddings 'glove-100d' (or set pretrainedEmbeddings to 'none').");
    }

    private static void Range(IDictionary<string, string[]> errors, string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
            SpecBounds.Add(errors, field, $"must be between {min} and {max} (got {v}).");
    }

    /// <summary>For the cost check: steps per example, training examples, numbers stored per step, embedding/head parameters.</summary>
    public JobShape Shape(JobSpec spec)
    {
        var t = this.TrainingFor(spec);
        return new JobShape(ArchitectureResolver.Encoder(spec.Architecture, DefaultEncoder, inputSize: spec.Architecture?.EmbeddingDim ?? 100), t,
            Steps: spec.Architecture?.MaxTokens ?? new TokenizerSettings().MaxTokens, Examples: t.MaxExamples ?? 50_000, FloatsPerStep: 2, OtherParameters: (long)(spec.Architecture?.MaxVocabulary ?? new VocabularySettings().MaxSize) * (spec.Architecture?.EmbeddingDim ?? 100));
    }

    public TrainedModel Train(RecipeRun run)
    {
        var spec = run.Spec;
        var arch = spec.Architecture;
        var training = run.Training;
        var log = run.Log;
        var clock = Stopwatch.StartNew();

        var split = ImdbDataset.Load(run.Packages, run.Cancel);
        var train = training.MaxExamples is { } max ? split.Train.Take(max).ToList() : split.Train;
        var valid = training.MaxExamples is { } m ? split.Valid.Take(Math.Max(64, m / 4)).ToList() : split.Valid;
        log.LogInformation("IMDB split: {Train} train, {Valid} valid, {Test} test reviews", train.Count, valid.Count, split.Test.Count);

        var tokenizer = new TextTokenizer(new TokenizerSettings { MaxTokens = arch?.MaxTokens ?? new TokenizerSettings().MaxTokens });
        var vocabSettings = new VocabularySettings
        {
            MaxSize = arch?.MaxVocabulary ?? new VocabularySettings().MaxSize,
            MinFrequency = arch?.MinFrequency ?? new VocabularySettings().MinFrequency,
        };
        var vocabulary = Vocabulary.Build(train.Select(r => tokenizer.ModelTokens(r.Text).Select(t => t.Text)), vocabSettings);
        var encode = (IReadOnlyList<Review> reviews) => new EncodedReviews(
            reviews.Select(r => vocabulary.Encode(tokenizer.ModelTokens(r.Text).Select(t => t.Text))).ToList(),
            reviews.Select(r => r.Positive).ToList());
        var trainData = encode(train);
        var validData = encode(valid);
        log.LogInformation("Vocabulary {Size} words; data encoded in {Seconds:F1} s", vocabulary.Count, clock.Elapsed.TotalSeconds);

        var pretrained = arch?.PretrainedEmbeddings ?? GloVeCache.Name;
        var config = new SentimentNetworkConfig
        {
            Vocabulary = vocabulary.Count,
            EmbeddingDim = arch?.EmbeddingDim ?? 100,
            Encoder = ArchitectureResolver.Encoder(arch, DefaultEncoder, arch?.EmbeddingDim ?? 100),
            Pooling = arch?.Pooling ?? "max",
            Dropout = arch?.Dropout ?? DefaultEncoder.Dropout,
            PretrainedEmbeddings = pretrained == "none" ? null : pretrained,
            FreezeEmbeddings = arch?.FreezeEmbeddings ?? false,
        };
        var network = new SentimentNetwork(config);
        var covered = 0;
        if (config.PretrainedEmbeddings is not null)
        {
            var rows = GloVeRows(vocabulary, GloVeCache.Ensure(run.Packages, run.Cancel));
            network.InitEmbeddings(rows, config.FreezeEmbeddings);
            covered = rows.Count;
            log.LogInformation("GloVe covers {Covered} of {Size} vocabulary words", covered, vocabulary.Count);
        }

        run.Fit(new SentimentProblem(network, trainData, validData));

        var testData = encode(split.Test);
        var (scores, itemsPerSecond) = Throughput.Measure(testData.Ids.Count, () => SentimentProblem.Score(network, testData.Ids));
        var test = BinaryMetrics.Compute(scores, testData.Labels);
        log.LogInformation("Test: accuracy {Accuracy:P2}, F1 {F1:F4}, AUC {Auc:F4} on {Count} reviews", test.Accuracy, test.F1, test.Auc, test.Count);

        vocabulary.Save(Path.Combine(run.OutputDir, Vocabulary.FileName));

        var counts = split.Counts;
        counts["train"] = train.Count;
        counts["valid"] = valid.Count;
        return new TrainedModel(network, ModelFiles.ToJson(config), new DatasetRef(Dataset, ImdbDataset.Source, ImdbDataset.SplitRule, counts))
        {
            Preprocessing = new JsonObject
            {
                ["tokenizer"] = ModelFiles.ToJson(tokenizer.Settings),
                ["vocabulary"] = new JsonObject
                {
                    ["file"] = Vocabulary.FileName,
                    ["size"] = vocabulary.Count,
                    ["minFrequency"] = vocabSettings.MinFrequency,
                    ["maxSize"] = vocabSettings.MaxSize,
                    ["pretrainedCovered"] = covered,
                },
            },
            Metrics = new Dictionary<string, double>
            {
                ["testAccuracy"] = test.Accuracy,
                ["testF1"] = test.F1,
                ["testAuc"] = test.Auc,
                [Throughput.MetricName] = itemsPerSecond,
            },
        };
    }

    /// <summary>GloVe vectors by vocabulary index for every vocabulary word GloVe has.</summary>
    public static Dictionary<int, float[]> GloVeRows(Vocabulary vocabulary, string cachePath)
    {
        var (_, vectors) = GloVeCache.Read(cachePath, w => vocabulary.IndexOf(w) > Vocabulary.UnkIndex);
        return vectors.ToDictionary(kv => vocabulary.IndexOf(kv.Key), kv => kv.Value);
    }

    public IServedModel Load(CheckpointManifest manifest, string versionDir)
    {
        var config = ModelFiles.FromJson<SentimentNetworkConfig>(manifest.Architecture, "architecture");
        var settings = ModelFiles.FromJson<TokenizerSettings>(manifest.Preprocessing["tokenizer"], "tokenizer settings");
        // Older checkpoints name their file vocab.txt; the manifest says which.
        var file = manifest.Preprocessing["vocabulary"]?["file"]?.GetValue<string>() ?? Vocabulary.FileName;
        var vocabulary = Vocabulary.Load(Path.Combine(versionDir, file));
        if (vocabulary.Count != config.Vocabulary)
            throw new CheckpointException($"{file} has {vocabulary.Count} words, the architecture says {config.Vocabulary}");
        var network = ModelFiles.LoadWeights(new SentimentNetwork(config), versionDir);
        return new SentimentScorer(network, new TextTokenizer(settings), vocabulary);
    }
}
