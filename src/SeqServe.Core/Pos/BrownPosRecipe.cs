using Microsoft.Extensions.Logging;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Modeling;
using SeqServe.Core.Serving;
using SeqServe.Core.Tasks;
using SeqServe.Core.Text;
using SeqServe.Core.Training;

namespace SeqServe.Core.Pos;

/// <summary>
/// Part-of-speech tagging on the Brown corpus (12 universal tags). Reads from the request: cell,
/// nonlinearity, hidden, layers, bidirectional, dropout, embeddingDim (word embedding size) and every
/// training field; maxExamples trains on the first N training sentences (and scores on at most N test sentences).
/// </summary>
public sealed class BrownPosRecipe : IModelRecipe
{
    public const int MaxWords = 10_000;
    public const double WordDropout = 0.05;

    public string Dataset => Data.Name;
    public DatasetInfo Data { get; } = new("brown", "The Brown corpus: 57,340 sentences with gold part-of-speech tags, mapped to the 12 universal tags.",
        $"npm {BrownCorpus.Package.Spec}", "MIT (package); the Brown corpus README permits redistribution", BrownCorpus.Package, 57340);
    public IReadOnlySet<string> Reads { get; } = RecipeFields.SharedAnd("architecture.embeddingDim", "architecture.pretrainedEmbeddings");
    public string Task => PosTask.Name;
    public string Kind => PosTagger.ServedKind;
    public string DefaultModel => "pos-brown";

    public static readonly RecurrentConfig EncoderDefaults = new()
    {
        Cell = CellKind.Lstm, Hidden = 128, Layers = 1, Bidirectional = true, Dropout = 0.25,
    };

    public TrainingConfig DefaultTraining { get; } = new()
    {
        Epochs = 12, BatchSize = 32, LearningRate = 0.002, Optimizer = "adam", Seed = 42, ClipNorm = 5.0,
        MaxMinutes = 30, Patience = 2,
    };

    public void Validate(JobSpec spec, IDictionary<string, string[]> errors) => PosCheckpoint.Validate(spec, errors, Dataset);

    /// <summary>For the cost check: steps per example, training examples, numbers stored per step, embedding/head parameters.</summary>
    public JobShape Shape(JobSpec spec)
    {
        var t = this.TrainingFor(spec);
        return new JobShape(ArchitectureResolver.Encoder(spec.Architecture, EncoderDefaults, inputSize: (spec.Architecture?.EmbeddingDim ?? 64) + 64), t,
            Steps: 180, Examples: t.MaxExamples ?? 60_000, FloatsPerStep: 8, OtherParameters: (long)MaxWords * (spec.Architecture?.EmbeddingDim ?? 64) + 200_000L);
    }

    public TrainedModel Train(RecipeRun run)
    {
        var training = run.Training;

        var corpus = BrownCorpus.Load(run.Packages, run.Cancel);
        var (fit, valid) = BrownCorpus.CarveValidation(corpus.Train);
        IReadOnlyList<TaggedSentence> test = corpus.Test;
        if (training.MaxExamples is { } max)
        {
            fit = fit.Take(max).ToList();
            valid = valid.Take(Math.Max(20, max / 5)).ToList();
            test = test.Take(max).ToList();
        }
        var brownFit = fit.Count;
        fit = BrownAugmentation.Augment(fit, training.Seed);
        run.Log.LogInformation("Brown: {Fit} training ({Copies} of them augmented copies), {Valid} validation, {Test} test sentences",
            fit.Count, fit.Count - brownFit, valid.Count, test.Count);

        var features = PosFeatures.Build(fit.Select(s => s.Words), MaxWords);
        var config = NetworkConfig(run.Spec.Architecture, features);
        var network = new PosTaggerNetwork(config);
        var problem = new PosTrainingProblem(network, features, fit, valid, WordDropout, training.Seed);
        run.Fit(problem);

        var tagger = new PosTagger(network, features);
        var (scores, itemsPerSecond) = Throughput.Measure(test.Count, () => PosEvaluation.Score(test, PosEvaluation.WordsOf(corpus.Train), PosEvaluation.Using(tagger)));
        run.Log.LogInformation("Brown test: accuracy {Accuracy:P2} on {Tokens} tokens, unknown words {Unknown:P2} on {UnknownTokens}",
            scores.Accuracy, scores.Tokens, scores.UnknownAccuracy, scores.UnknownTokens);
        // the same test sentences cut the treebank way (n't, 's, $ and % split off): how the tagger reads other English
        var treebankTest = test.Select(s => BrownAugmentation.TreebankCut(s) ?? s).ToList();
        var treebank = PosEvaluation.Score(treebankTest, PosEvaluation.WordsOf(fit), PosEvaluation.Using(tagger));
        run.Log.LogInformation("Brown test cut the treebank way: accuracy {Accuracy:P2} on {Tokens} tokens", treebank.Accuracy, treebank.Tokens);

        features.Words.Save(Path.Combine(run.OutputDir, Vocabulary.FileName));
        var metrics = scores.ToMetrics();
        metrics[Throughput.MetricName] = itemsPerSecond;
        metrics["testTreebankCutAccuracy"] = Math.Round(treebank.Accuracy, 5);
        var dataset = new DatasetRef(Dataset, BrownCorpus.Package.Spec, BrownCorpus.SplitRule, PosCheckpoint.Counts(fit.Count, valid.Count, test.Count, scores));
        return new TrainedModel(network, ModelFiles.ToJson(config), dataset)
        {
            Preprocessing = WithAugmentation(PosCheckpoint.Preprocessing(features, UniversalTags.All, "brown", WordDropout)),
            Metrics = metrics,
        };
    }

    private static System.Text.Json.Nodes.JsonObject WithAugmentation(System.Text.Json.Nodes.JsonObject pre)
    {
        pre["augmentation"] = BrownAugmentation.Description;
        return pre;
    }

    public IServedModel Load(CheckpointManifest manifest, string versionDir) => LoadTagger(manifest, versionDir);

    /// <summary>A tagger trained with the augmented copies reads text with the treebank cut of numbers and clitics; an older one exactly as the corpus is cut.</summary>
    public static PosTagger LoadTagger(CheckpointManifest manifest, string versionDir) =>
        PosCheckpoint.LoadTagger(manifest, versionDir,
            manifest.Preprocessing["augmentation"] is null ? PosLanguage.EnglishBrownCut : PosLanguage.English);

    public static PosTaggerConfig NetworkConfig(ArchitectureSpec? spec, PosFeatures features)
    {
        var wordDim = spec?.EmbeddingDim ?? 64;
        const int affixDim = 16;
        var featureSize = wordDim + features.Config.Slots * affixDim;
        return new PosTaggerConfig
        {
            Encoder = ArchitectureResolver.Encoder(spec, EncoderDefaults, featureSize),
            Vocabulary = features.VocabularySize,
            WordDim = wordDim,
            AffixRows = features.Config.AffixRows,
            AffixSlots = features.Config.Slots,
            AffixDim = affixDim,
            Tags = UniversalTags.All.Count,
            Dropout = spec?.Dropout ?? EncoderDefaults.Dropout,
        };
    }
}
