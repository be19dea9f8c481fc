using SeqServe.Core.Pos;
using SeqServe.Core.Serving;
using SeqServe.Core.Training;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Pos;

public class BrownPosRecipeTests
{
    [Fact]
    public void Tiny_training_on_a_slice_produces_a_loadable_tagger()
    {
        using var root = new TempDir();
        var recipe = new BrownPosRecipe();
        var spec = new JobSpec
        {
            Model = "pos-test", Task = "pos", Dataset = "brown",
            Architecture = new ArchitectureSpec { Hidden = 16, EmbeddingDim = 16 },
            Training = new TrainingSpec { Epochs = 2, MaxExamples = 400, BatchSize = 16, LearningRate = 0.01, Seed = 1 },
        };
        var (committed, served, _) = RecipeRunner.TrainAndLoad(recipe, spec, root.Path, "pos-test");

        Assert.Equal(2, committed.History.Count);
        // the first 400 fit sentences and the augmented copies made from them
        var (fit, _) = BrownCorpus.CarveValidation(BrownCorpus.Load(RecipeRunner.Packages).Train);
        var trained = BrownAugmentation.Augment(fit.Take(400).ToList(), seed: 1).Count;
        Assert.InRange(trained, 401, 800);
        Assert.Equal(trained, committed.Dataset.Counts!["trainSentences"]);
        Assert.NotNull(committed.Preprocessing["augmentation"]);
        Assert.InRange(committed.Metrics["testAccuracy"], 0.6, 1.0); // far above chance (1/12) and all-NOUN (~0.27) after 50 steps
        Assert.Contains("testUnknownWordAccuracy", committed.Metrics.Keys);
        Assert.Contains("testRecall.NOUN", committed.Metrics.Keys);
        Assert.InRange(committed.Metrics["testTreebankCutAccuracy"], 0.5, 1.0);

        var tagger = Assert.IsAssignableFrom<IPosTagger>(served);
        Assert.Equal("tagger", served.Kind);
        Assert.Equal(["tag"], served.Operations);
        served.WarmUp();
        var result = tagger.TagSentences(["The old man walked his dog.", "She didn't see it."]);
        Assert.Equal(7, result[0].Length);
        Assert.Equal(5, result[1].Length);
        Assert.All(result.SelectMany(r => r), t =>
        {
            Assert.Contains(t.Tag, UniversalTags.All);
            Assert.InRange(t.Confidence, 0f, 1f);
        });
        Assert.Equal(".", result[0][^1].Tag);
        Assert.Equal((26, 27), (result[0][^1].Start, result[0][^1].End));
    }

    [Fact]
    public void Bad_input_is_refused_with_the_field_and_the_limit()
    {
        var features = PosFeatures.Build([["a"]], 10, 1);
        using var tagger = new PosTagger(new PosTaggerNetwork(BrownPosRecipe.NetworkConfig(
            new ArchitectureSpec { Hidden = 4, EmbeddingDim = 4 }, features)), features);
        var limits = new PosLimits { MaxTokens = 3, MaxSentences = 2 };

        Assert.Equal("sentences[0]", Assert.Throws<ModelInputException>(() => tagger.TagSentences(["  "], limits)).Field);
        var prepared = tagger.PrepareSentence("one two three four", "sentences[0]", limits);
        Assert.True(prepared.Truncated);
        Assert.Equal(["one", "two", "three"], prepared.Forms);
        Assert.Equal(3, tagger.TagSentences(["one two three four"], limits)[0].Length);
        Assert.Contains("at most 5 characters", Assert.Throws<ModelInputException>(() =>
            tagger.PrepareSentence("one two", "sentences[0]", limits with { MaxTextLength = 5 })).Message);
        Assert.Equal("tokens", Assert.Throws<ModelInputException>(() => tagger.TagTokens([], limits)).Field);
        Assert.Equal("tokens", Assert.Throws<ModelInputException>(() => tagger.TagTokens([["a"], ["b"], ["c"]], limits)).Field);
        Assert.Equal("tokens[0][1]", Assert.Throws<ModelInputException>(() => tagger.TagTokens([["a", "b c"]], limits)).Field);
    }

    [Fact]
    public void Spec_with_pretrained_embeddings_is_refused()
    {
        var errors = new Dictionary<string, string[]>();
        new BrownPosRecipe().Validate(new JobSpec
        {
            Architecture = new ArchitectureSpec { PretrainedEmbeddings = "glove-100d" },
        }, errors);
        Assert.Contains("architecture.pretrainedEmbeddings", errors.Keys);
    }
}
