using SeqServe.Core.Text;
using SeqServe.Core.Sentiment;
using SeqServe.Core.Serving;
using SeqServe.Core.Training;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Sentiment;

public class ImdbRecipeTests
{
    private readonly ImdbSentimentRecipe recipe = new();

    [Fact]
    public void A_tiny_training_on_real_reviews_gives_a_loadable_scorer()
    {
        using var dir = new TempDir();
        var spec = new JobSpec
        {
            Task = "sentiment", Dataset = "imdb",
            Architecture = new ArchitectureSpec { Cell = "lstm", Hidden = 8, Pooling = "attention", MaxTokens = 64, MaxVocabulary = 2000 },
            Training = new TrainingSpec { Epochs = 1, MaxExamples = 300, BatchSize = 32, Crops = 1 },
        };
        var (manifest, served, _) = RecipeRunner.TrainAndLoad(recipe, spec, dir.Path);

        Assert.Equal(9_941, manifest.Dataset.Counts!["test"]);
        Assert.Equal(300, manifest.Dataset.Counts["train"]);
        Assert.InRange(manifest.Metrics["testAccuracy"], 0, 1);
        Assert.InRange(manifest.Metrics["testAuc"], 0, 1);
        Assert.Contains(Vocabulary.FileName, manifest.Files.Keys);
        Assert.Equal(516, manifest.Dataset.Counts["sentencesTest"]);
        Assert.InRange(manifest.Metrics["sentencesTestAccuracy"], 0, 1);
        Assert.InRange(manifest.Metrics["testEce"], 0, 1);
        Assert.InRange(manifest.Metrics["temperature"], Calibration.MinTemperature, Calibration.MaxTemperature);
        Assert.Equal(manifest.Metrics["temperature"], manifest.Preprocessing["calibration"]!["temperature"]!.GetValue<double>());
        Assert.Equal(1, manifest.Preprocessing["crops"]!["perReview"]!.GetValue<int>());

        var scorer = Assert.IsAssignableFrom<ISentimentScorer>(served);
        scorer.WarmUp();
        Assert.Equal(["score"], scorer.Operations);
        Assert.Equal("sentiment", scorer.Kind);
        Assert.Equal("attention", scorer.AttributionMethod);

        var results = scorer.Score(["A wonderful, moving film.", "Dull and far too long; I walked out."], explain: true);
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.InRange(r.Score, 0f, 1f));
        Assert.All(results, r => Assert.Equal(r.Score >= 0.5f ? "positive" : "negative", r.Label));
        Assert.All(results, r => Assert.Equal(ConfidenceBand.Of(r.Score), r.Confidence));
        Assert.Equal(ConfidenceBand.Uncertain, scorer.Score(["!!!"])[0].Confidence);
        Assert.Equal(["a", "wonderful", ",", "moving", "film", "."], results[0].Attributions!.Select(a => a.Token));
        Assert.Equal(1f, results[0].Attributions!.Sum(a => a.Weight), 4);

        var error = Assert.Throws<ModelInputException>(() => scorer.Score(["fine", "   "]));
        Assert.Equal("texts[1]", error.Field);

        // A warm start from that version, with lexicon phrases: same architecture and vocabulary, or the run fails.
        var again = spec with { Training = spec.Training! with { InitFrom = manifest.Version, Crops = 0, LexiconPhrases = 1 } };
        var (tuned, tunedServed, _) = RecipeRunner.TrainAndLoad(recipe, again, dir.Path);
        Assert.Equal(manifest.Version, tuned.Training!.InitFrom);
        Assert.True(tuned.Preprocessing["lexiconPhrases"]!["words"]!.GetValue<int>() > 100);
        Assert.Single(((ISentimentScorer)tunedServed).Score(["Not bad at all."]));
        var other = again with { Architecture = spec.Architecture! with { Hidden = 4 } };
        Assert.Throws<SeqServe.Core.Checkpoints.CheckpointException>(() => RecipeRunner.TrainAndLoad(recipe, other, dir.Path));
    }

    [Fact]
    public void Gradient_attributions_come_with_max_pooling()
    {
        using var dir = new TempDir();
        var vocab = Vocabulary.Build([["great", "film", "awful"]], new VocabularySettings { MinFrequency = 1 });
        var network = new SentimentNetwork(new SentimentNetworkConfig
        {
            Vocabulary = vocab.Count, EmbeddingDim = 4,
            Encoder = new SeqServe.Core.Modeling.RecurrentConfig { Cell = SeqServe.Core.Modeling.CellKind.Gru, Hidden = 3, Bidirectional = true },
        });
        network.eval();
        var scorer = new SentimentScorer(network, new TextTokenizer(new TokenizerSettings()), vocab);
        Assert.Equal("gradient-x-input", scorer.AttributionMethod);
        var result = scorer.Score(["Great film!", "awful"], explain: true);
        Assert.Equal(3, result[0].Attributions!.Count);
        Assert.Single(result[1].Attributions!);
        Assert.Contains(result[0].Attributions!, a => a.Weight != 0);
        Assert.Equal(result[0].Score, scorer.Score(["Great film!"])[0].Score, 5);
    }

    [Fact]
    public void Validation_names_the_field_and_the_bound()
    {
        var errors = new Dictionary<string, string[]>();
        recipe.Validate(new JobSpec
        {
            Architecture = new ArchitectureSpec { MaxTokens = 5, MaxVocabulary = 10_000_000, EmbeddingDim = 50, PretrainedEmbeddings = "word2vec" },
        }, errors);
        Assert.Contains("between 8 and 2000", errors["architecture.maxTokens"][0]);
        Assert.Contains("architecture.maxVocabulary", errors.Keys);
        Assert.Contains("architecture.pretrainedEmbeddings", errors.Keys);

        errors.Clear();
        recipe.Validate(new JobSpec { Architecture = new ArchitectureSpec { EmbeddingDim = 50 } }, errors);
        Assert.Contains("architecture.embeddingDim", errors.Keys);
    }

    [Fact]
    public void Crops_and_warm_starts_are_bounded_and_named()
    {
        var errors = new Dictionary<string, string[]>();
        recipe.Validate(new JobSpec { Training = new TrainingSpec { Crops = 9, InitFrom = "../other" } }, errors);
        Assert.Contains("between 0 and 8", errors["training.crops"][0]);
        Assert.Contains("training.initFrom", errors.Keys);
        Assert.Contains("training.crops", recipe.Reads);
        Assert.Contains("training.initFrom", recipe.Reads);
    }
}
