using Microsoft.Extensions.Logging;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Modeling;
using SeqServe.Core.Serving;
using SeqServe.Core.Tasks;
using SeqServe.Core.Text;
using SeqServe.Core.Training;

namespace SeqServe.Core.Pos.Chinese;

/// <summary>
/// Chinese part-of-speech tagging (17 UPOS tags) on UD Chinese GSDSimp, gold segmentation. The shared
/// tagger network and features, with jieba's tag of each word, its length and script shape as extra
/// features (<see cref="JiebaLexicon"/>), a character CNN per word and, by default, an ensemble of 8 such
/// taggers (both chosen on the validation split; their weights stored in float16); raw text is segmented by jieba when served. Reads the same
/// request fields as the Brown recipe; maxExamples trains on the first N training sentences.
/// </summary>
public sealed class ChinesePosRecipe : IModelRecipe
{
    public const int MaxWords = 20_000;
    public const int MinCount = 1;
    public const int Buckets = 2048;
    public const double WordDropout = 0.15;

    public string Dataset => Data.Name;
    public DatasetInfo Data { get; } = new("ud-zh-gsdsimp",
        "UD Chinese GSDSimp v2.13 (dev file): 500 sentences, 12,663 words with gold segmentation and the 17 UPOS tags.",
        "shipped with SeqServe (src/SeqServe.Core/Pos/Chinese/data), from Universal Dependencies v2.13", "CC BY-SA 4.0", null, 500);
    public IReadOnlySet<string> Reads { get; } = RecipeFields.SharedAnd("architecture.embeddingDim", "architecture.pretrainedEmbeddings", "architecture.charFilters", "architecture.ensemble");
    public string Task => PosTask.Name;
    public string Kind => PosTagger.ServedKind;
    public string DefaultModel => "pos-zh";

    /// <summary>
    /// How the served tagger reads raw text: traditional characters read as simplified (the treebank's and
    /// jieba's script; <see cref="ChineseScriptConverter.ToSimplified"/>), jieba's segmentation, 17 UPOS tags,
    /// text without Chinese characters refused.
    /// </summary>
    public static PosLanguage Chinese { get; } = new("zh", UposTags.All, text => Jieba.Instance.Segment(text), "我来到北京清华大学。", ChineseText.Refusal,
        ReadAs: text => ChineseScriptConverter.ToSimplified.Convert(text));

    public TrainingConfig DefaultTraining { get; } = new()
    {
        Epochs = 40, BatchSize = 16, LearningRate = 0.002, Optimizer = "adam", Seed = 42, ClipNorm = 5.0,
        MaxMinutes = 30, Patience = 8,
        // 8 taggers' weights in float16: the file of 4 in float32 (20 MB), see WeightPrecision
        WeightsPrecision = WeightPrecision.Float16,
    };

    public void Validate(JobSpec spec, IDictionary<string, string[]> errors)
    {
        PosCheckpoint.Validate(spec, errors, "Chinese");
        if (spec.Architecture is { Ensemble: > 1 } a && (a.Attention == "self" || a.Encoder == "transformer"))
            SpecBounds.Add(errors, "architecture.ensemble", "an ensemble has no single attention map to serve: use 1 with attention 'self' or encoder 'transformer'.");
    }

    public JobShape Shape(JobSpec spec)
    {
        var t = this.TrainingFor(spec);
        var wordDim = spec.Architecture?.EmbeddingDim ?? 64;
        var slots = new PosFeatureConfig { LexiconSlots = JiebaLexicon.CharacterSlots }.Slots;
        var charFilters = spec.Architecture?.CharFilters ?? DefaultCharFilters;
        return new JobShape(ArchitectureResolver.Encoder(spec.Architecture, BrownPosRecipe.EncoderDefaults, inputSize: wordDim + slots * 16 + charFilters), t,
            Steps: 120, Examples: t.MaxExamples ?? 400, FloatsPerStep: 8 * (spec.Architecture?.Ensemble ?? DefaultEnsemble), OtherParameters: ((long)MaxWords * wordDim + (long)slots * Buckets * 16) * (spec.Architecture?.Ensemble ?? DefaultEnsemble));
    }

    public TrainedModel Train(RecipeRun run)
    {
        var bank = ChineseTreebank.Load();
        IReadOnlyList<ConlluSentence> fit = bank.Train, valid = bank.Valid, test = bank.Test;
        if (run.Training.MaxExamples is { } max)
        {
            fit = [.. fit.Take(max)];
            valid = [.. valid.Take(Math.Max(10, max / 5))];
            test = [.. test.Take(max)];
        }
        run.Log.LogInformation("UD Chinese GSDSimp: {Fit} training, {Valid} validation, {Test} test sentences", fit.Count, valid.Count, test.Count);

        var jieba = Jieba.Instance;
        var features = PosFeatures.Build(fit.Select(s => s.Words), MaxWords, MinCount, new JiebaLexicon(jieba), Buckets,
            characters: (run.Spec.Architecture?.CharFilters ?? DefaultCharFilters) > 0);
        var config = NetworkConfig(run.Spec.Architecture, features);
        var network = new PosTaggerNetwork(config);
        var problem = new PosTrainingProblem(network, features, [.. fit.Select(s => s.ToTagged())], [.. valid.Select(s => s.ToTagged())],
            WordDropout, run.Training.Seed, UposTags.All);
        run.Fit(problem);

        var tagger = new PosTagger(network, features, Chinese);
        var gold = test.Select(s => s.ToTagged()).ToList();
        var trainWords = PosEvaluation.WordsOf(fit.Select(s => s.ToTagged()));
        var (scores, itemsPerSecond) = Throughput.Measure(gold.Count, () => PosEvaluation.Score(gold, trainWords, PosEvaluation.Using(tagger), tagSet: UposTags.All));
        var baseline = PosEvaluation.Score(gold, trainWords, JiebaBaseline(jieba), tagSet: UposTags.All);
        run.Log.LogInformation("Chinese test: accuracy {Accuracy:P2} on {Tokens} tokens, unknown words {Unknown:P2} on {UnknownTokens}; jieba mapped {Baseline:P2}",
            scores.Accuracy, scores.Tokens, scores.UnknownAccuracy, scores.UnknownTokens, baseline.Accuracy);

        features.Words.Save(Path.Combine(run.OutputDir, Vocabulary.FileName));
        var metrics = scores.ToMetrics();
        metrics[Throughput.MetricName] = itemsPerSecond;
        metrics["baselineAccuracy"] = Math.Round(baseline.Accuracy, 5);
        metrics["baselineUnknownWordAccuracy"] = Math.Round(baseline.UnknownAccuracy, 5);
        var dataset = new DatasetRef(Dataset, ChineseTreebank.Version, ChineseTreebank.SplitRule, PosCheckpoint.Counts(fit.Count, valid.Count, test.Count, scores));
        return new TrainedModel(network, ModelFiles.ToJson(config), dataset)
        {
            Preprocessing = PosCheckpoint.Preprocessing(features, UposTags.All, "jieba", WordDropout),
            Metrics = metrics,
            Baseline = "jieba-mapped",
        };
    }

    /// <summary>jieba's own tag of each gold word, mapped to UPOS (<see cref="JiebaTags"/>).</summary>
    public static Func<IReadOnlyList<IReadOnlyList<string>>, IReadOnlyList<string[]>> JiebaBaseline(Jieba jieba) =>
        batch => batch.Select(words => words.Select(w => JiebaTags.ToUpos(jieba.TagOf(w))).ToArray()).ToList();

    public IServedModel Load(CheckpointManifest manifest, string versionDir) => LoadTagger(manifest, versionDir);

    public static PosTagger LoadTagger(CheckpointManifest manifest, string versionDir) =>
        PosCheckpoint.LoadTagger(manifest, versionDir, Chinese,
            JiebaLexicon.Named(manifest.Preprocessing["lexicon"]?.GetValue<string>(), Jieba.Instance) ?? new JiebaLexicon(Jieba.Instance));

    /// <summary>
    /// The Brown tagger's shape with 17 tags and, when the features have characters, a character CNN of
    /// <see cref="ArchitectureSpec.CharFilters"/> filters; dropout defaults to 0.5 (chosen on the validation split: little data).
    /// </summary>
    public static PosTaggerConfig NetworkConfig(ArchitectureSpec? spec, PosFeatures features)
    {
        var charFilters = features.Characters is null ? 0 : spec?.CharFilters ?? DefaultCharFilters;
        var config = BrownPosRecipe.NetworkConfig((spec ?? new ArchitectureSpec()) with { Dropout = spec?.Dropout ?? DefaultDropout }, features) with
        {
            Tags = UposTags.All.Count,
            Characters = charFilters > 0 ? features.CharacterRows : 0,
            CharFilters = charFilters,
            Members = spec?.Ensemble ?? DefaultEnsemble,
        };
        return config with { Encoder = config.Encoder with { InputSize = config.FeatureSize } };
    }

    public const double DefaultDropout = 0.5;
    public const int DefaultCharFilters = 32;
    public const int DefaultEnsemble = 8;
}
