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
/// maxTokens, maxVocabulary, minFrequency; and training.crops (sentence/phrase crops of each review per epoch).
/// After training, a temperature is fitted (IMDB validation + the sentence set's validation half) and the
/// calibrated scores are measured on IMDB TEST and on the sentence set (<see cref="SentenceSet"/>), never trained on.
/// </summary>
public sealed class ImdbSentimentRecipe : IModelRecipe
{
    public const int MinMaxTokens = 8, MaxMaxTokens = 2000;
    public const int MinVocabulary = 16, MaxVocabularyLimit = 100_000;
    public const int MaxMinFrequency = 1000;
    public const int MaxCrops = 8;
    public static readonly string[] PretrainedChoices = [GloVeCache.Name, "none"];

    public string Dataset => Data.Name;
    public DatasetInfo Data { get; } = new("imdb", "50,000 IMDB movie reviews labelled positive/negative (Maas et al. 2011).",
        $"npm {ImdbDataset.Package.Spec} reviews.json", "MIT (package); cite Maas et al., ACL 2011", ImdbDataset.Package, 50000);
    public IReadOnlySet<string> Reads { get; } = RecipeFields.SharedAnd("architecture.embeddingDim", "architecture.pretrainedEmbeddings", "architecture.freezeEmbeddings", "architecture.pooling", "architecture.maxTokens", "architecture.maxVocabulary", "architecture.minFrequency", "training.crops", "training.lexiconPhrases", "training.initFrom");
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
        Range(errors, "training.crops", spec.Training?.Crops, 0, MaxCrops);
        Range(errors, "training.lexiconPhrases", spec.Training?.LexiconPhrases, 0, MaxCrops);
        Tasks.WarmStart.Validate(spec, errors);
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
        CropSource? crops = null;
        if (training.Crops > 0)
        {
            var ends = new HashSet<long>(new[] { ".", "!", "?" }.Select(w => (long)vocabulary.IndexOf(w)).Where(i => i > Vocabulary.UnkIndex));
            crops = new CropSource(new TextCrops(ends, tokenizer.Settings.MaxTokens),
                [.. train.Select(r => vocabulary.Encode(tokenizer.Tokenize(r.Text).Select(t => t.Text)))], trainData.Labels, training.Crops);
            log.LogInformation("Crops: {PerText} per review per epoch ({Crops} crops, {Sentences} sentences to draw from)",
                training.Crops, crops.Ids.Count * training.Crops, crops.Sentences.Sum(s => s.Count));
        }
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
        if (training.InitFrom is { } from)
            covered = WarmStart(run, network, config, vocabulary, from);
        else if (config.PretrainedEmbeddings is not null)
        {
            var rows = GloVeRows(vocabulary, GloVeCache.Ensure(run.Packages, run.Cancel));
            network.InitEmbeddings(rows, config.FreezeEmbeddings);
            covered = rows.Count;
            log.LogInformation("GloVe covers {Covered} of {Size} vocabulary words", covered, vocabulary.Count);
        }

        var phrases = training.LexiconPhrases > 0 ? LexiconPhrases.Load(run.Packages, vocabulary, training.LexiconPhrases, run.Cancel) : null;
        if (phrases is not null)
            log.LogInformation("Lexicon phrases: {PerWord} per word per epoch over {Words} rated words", training.LexiconPhrases, phrases.Words);
        run.Fit(new SentimentProblem(network, trainData, validData, crops: crops, phrases: phrases));

        var testData = encode(split.Test);
        var (testLogits, itemsPerSecond) = Throughput.Measure(testData.Ids.Count, () => SentimentProblem.Logits(network, testData.Ids));
        var validLogits = SentimentProblem.Logits(network, validData.Ids);

        var sentences = SentenceSet.Load(run.Packages, run.Cancel);
        var encodeSentences = (IReadOnlyList<LabelledSentence> set) =>
        {
            var tokens = set.Select(s => tokenizer.ModelTokens(s.Text)).ToList();
            return (Data: new EncodedReviews([.. tokens.Select(t => vocabulary.Encode(t.Select(x => x.Text)))], [.. set.Select(s => s.Positive)]),
                Known: tokens.Select(t => SentimentScorer.KnowsAWord(t, vocabulary)).ToArray());
        };
        var sentValid = encodeSentences(sentences.Valid);
        var sentTest = encodeSentences(sentences.Test);
        var sentValidLogits = SentimentProblem.Logits(network, sentValid.Data.Ids);
        var sentTestLogits = SentimentProblem.Logits(network, sentTest.Data.Ids);

        var temperature = Calibration.FitTemperature((validLogits, validData.Labels), (sentValidLogits, sentValid.Data.Labels));
        var scores = Calibration.Probabilities(testLogits, temperature);
        var test = BinaryMetrics.Compute(scores, testData.Labels);
        var sentValidScores = Calibration.Probabilities(sentValidLogits, temperature);
        var sentTestScores = Calibration.Probabilities(sentTestLogits, temperature);
        var sentValidMetrics = BinaryMetrics.Compute(sentValidScores, sentValid.Data.Labels);
        var sentTestMetrics = BinaryMetrics.Compute(sentTestScores, sentTest.Data.Labels);
        var metrics = new Dictionary<string, double>
        {
            ["testAccuracy"] = test.Accuracy,
            ["testF1"] = test.F1,
            ["testAuc"] = test.Auc,
            ["testEce"] = Calibration.Ece(scores, testData.Labels),
            ["testEceUncalibrated"] = Calibration.Ece(Calibration.Probabilities(testLogits, 1), testData.Labels),
            ["sentencesValidAccuracy"] = sentValidMetrics.Accuracy,
            ["sentencesTestAccuracy"] = sentTestMetrics.Accuracy,
            ["sentencesTestAuc"] = sentTestMetrics.Auc,
            ["sentencesValidEce"] = Calibration.Ece(sentValidScores, sentValid.Data.Labels),
            ["sentencesTestEce"] = Calibration.Ece(sentTestScores, sentTest.Data.Labels),
            ["sentencesTestEceUncalibrated"] = Calibration.Ece(Calibration.Probabilities(sentTestLogits, 1), sentTest.Data.Labels),
            ["temperature"] = temperature,
            [Throughput.MetricName] = itemsPerSecond,
        };
        foreach (var (name, p, labels, known) in new[]
                 {
                     ("test", scores, testData.Labels, testData.Ids.Select(_ => true).ToArray()),
                     ("sentencesTest", sentTestScores, sentTest.Data.Labels, sentTest.Known),
                 })
        {
            var high = Enumerable.Range(0, p.Length).Where(i => ConfidenceBand.Of(p[i], known[i]) == ConfidenceBand.HighBand).ToList();
            metrics[name + "HighShare"] = (double)high.Count / p.Length;
            if (high.Count > 0) // no NaN in a manifest: a model with no high-confidence answer has no such accuracy
                metrics[name + "HighAccuracy"] = (double)high.Count(i => p[i] >= 0.5f == labels[i]) / high.Count;
        }
        log.LogInformation("Test: accuracy {Accuracy:P2}, F1 {F1:F4}, AUC {Auc:F4}, ECE {Ece:F4} (uncalibrated {Raw:F4}) on {Count} reviews; temperature {T:F3}",
            test.Accuracy, test.F1, test.Auc, metrics["testEce"], metrics["testEceUncalibrated"], test.Count, temperature);
        log.LogInformation("Sentences: valid accuracy {Valid:P2} ({ValidCount}), test accuracy {Test:P2} ({TestCount}), test ECE {Ece:F4} (uncalibrated {Raw:F4})",
            sentValidMetrics.Accuracy, sentValidMetrics.Count, sentTestMetrics.Accuracy, sentTestMetrics.Count, metrics["sentencesTestEce"], metrics["sentencesTestEceUncalibrated"]);

        vocabulary.Save(Path.Combine(run.OutputDir, Vocabulary.FileName));

        var counts = split.Counts;
        counts["train"] = train.Count;
        counts["valid"] = valid.Count;
        foreach (var (k, v) in sentences.Counts) counts[k] = v;
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
                ["crops"] = new JsonObject { ["perReview"] = training.Crops, ["rule"] = TextCrops.Rule },
                ["lexiconPhrases"] = new JsonObject
                {
                    ["perWord"] = training.LexiconPhrases, ["words"] = phrases?.Words ?? 0,
                    ["source"] = $"npm {LexiconPhrases.Package.Spec} vader_lexicon.txt (MIT)", ["rule"] = LexiconPhrases.Rule,
                },
                ["calibration"] = new JsonObject
                {
                    ["temperature"] = temperature,
                    ["fittedOn"] = "IMDB VALID and the sentence set's VALID half, each set's mean NLL weighted equally; score = sigmoid(logit / temperature)",
                    ["ece"] = Calibration.EceRule,
                    ["confidence"] = ConfidenceBand.Rule,
                    ["sentenceSet"] = new JsonObject { ["source"] = SentenceSet.Source, ["split"] = SentenceSet.SplitRule },
                },
            },
            Metrics = metrics,
        };
    }

    /// <summary>
    /// Loads the weights of version <paramref name="from"/> of the run's model into <paramref name="network"/>: its
    /// architecture and vocabulary must be the ones this run built. Returns the GloVe coverage it recorded.
    /// </summary>
    private static int WarmStart(RecipeRun run, SentimentNetwork network, SentimentNetworkConfig config, Vocabulary vocabulary, string from)
    {
        var (manifest, dir) = Tasks.WarmStart.Load(run, network, config, from);
        var file = manifest.Preprocessing["vocabulary"]?["file"]?.GetValue<string>() ?? Vocabulary.FileName;
        var words = Vocabulary.Load(Path.Combine(dir, file));
        if (!words.Words.SequenceEqual(vocabulary.Words))
            throw new CheckpointException($"training.initFrom {run.ModelName}/{from} has another vocabulary than this run built");
        return manifest.Preprocessing["vocabulary"]?["pretrainedCovered"]?.GetValue<int>() ?? 0;
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
        // Checkpoints made before calibration have no temperature: their scores are the raw sigmoid (temperature 1).
        var temperature = manifest.Preprocessing["calibration"]?["temperature"]?.GetValue<double>() ?? 1.0;
        return new SentimentScorer(network, new TextTokenizer(settings), vocabulary, temperature);
    }
}
