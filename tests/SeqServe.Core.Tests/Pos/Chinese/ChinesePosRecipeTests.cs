using SeqServe.Core.Modeling;
using SeqServe.Core.Pos;
using SeqServe.Core.Pos.Chinese;
using SeqServe.Core.Serving;
using SeqServe.Core.Training;
using SeqServe.Tests;
using static TorchSharp.torch;

namespace SeqServe.Core.Tests.Pos.Chinese;

public class ChinesePosRecipeTests
{
    [Fact]
    public void A_small_real_training_beats_a_floor_and_its_checkpoint_loads_to_the_same_outputs()
    {
        using var root = new TempDir();
        var recipe = new ChinesePosRecipe();
        var spec = new JobSpec
        {
            Model = "pos-zh-test", Task = "pos", Dataset = recipe.Dataset,
            Architecture = new ArchitectureSpec { Hidden = 32, EmbeddingDim = 32 },
            Training = new TrainingSpec { Epochs = 6, MaxExamples = 200, BatchSize = 16, LearningRate = 0.01, Seed = 1 },
        };
        var (committed, served, versionDir) = RecipeRunner.TrainAndLoad(recipe, spec, root.Path, "pos-zh-test");

        Assert.Equal(200, committed.Dataset.Counts!["trainSentences"]);
        Assert.Equal("jieba-mapped", committed.Baseline);
        // NOUN alone is ~25 % of the test tokens; 6 short epochs on 200 sentences with jieba's tags as features clear 70 %
        Assert.InRange(committed.Metrics["testAccuracy"], 0.70, 1.0);
        Assert.Contains("baselineAccuracy", committed.Metrics.Keys);
        Assert.Contains("testUnknownWordAccuracy", committed.Metrics.Keys);

        var tagger = Assert.IsAssignableFrom<IPosTagger>(served);
        Assert.Equal("zh", tagger.Language);
        Assert.Equal(UposTags.All, tagger.TagSet);
        served.WarmUp();
        var text = "我来到北京清华大学，用iPhone 15拍了3张照片。";
        var tokens = tagger.TagSentences([text])[0];
        Assert.All(tokens, t => Assert.Equal(text[t.Start!.Value..t.End!.Value], t.Text));
        Assert.Equal("PUNCT", tokens[^1].Tag);

        // save → load: the version folder written by training gives the same log-probabilities as the trained tagger
        using var loaded = ChinesePosRecipe.LoadTagger(committed, versionDir);
        string[][] sentences = [["我", "来到", "北京"], ["同样", "，", "施力", "的", "大小", "不同", "。"]];
        var a = ((PosTagger)served).Predict(sentences);
        var b = loaded.Predict(sentences);
        for (var s = 0; s < sentences.Length; s++)
        {
            Assert.Equal(a[s].Tags, b[s].Tags);
            Assert.Equal(a[s].Confidence, b[s].Confidence);
        }
    }

    [Fact]
    public void Save_then_load_of_the_network_gives_identical_outputs()
    {
        using var dir = new TempDir();
        var features = PosFeatures.Build([["我", "来到", "北京"], ["我", "爱", "北京"]], 100, 1, new JiebaLexicon(Jieba.Instance), ChinesePosRecipe.Buckets);
        var config = ChinesePosRecipe.NetworkConfig(new ArchitectureSpec { Hidden = 8, EmbeddingDim = 8 }, features);
        manual_seed(3);
        using var original = new PosTaggerNetwork(config);
        original.eval();
        ModelFiles.SaveWeights(original, dir.Path);
        manual_seed(11);
        using var loaded = ModelFiles.LoadWeights(new PosTaggerNetwork(config), dir.Path);

        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var batch = PosBatch.Create(features, [["我", "来到", "清华大学", "。"]]);
        var x = original.Forward(batch.WordIds, batch.AffixIds, batch.Lengths);
        var y = loaded.Forward(batch.WordIds, batch.AffixIds, batch.Lengths);
        Assert.Equal(new long[] { 1, 4, 17 }, y.shape);
        Assert.True(x.equal(y).all().item<bool>(), "outputs differ after a save/load round trip");
    }

    [Fact]
    public void The_lexicon_adds_dictionary_frequency_and_character_evidence_and_is_found_by_its_manifest_name()
    {
        var lexicon = new JiebaLexicon(Jieba.Instance);
        Assert.Equal(JiebaLexicon.LexiconName, lexicon.Name);
        var values = new string[lexicon.Slots];
        lexicon.Features("清华大学", values);
        Assert.Equal("d:", values[0][..2]);
        Assert.Equal("4", values[1]);
        Assert.StartsWith("f:", values[3]);
        Assert.NotEqual("f:none", values[3]);
        // words ending in 学 (大学, 数学, 化学 …) are mostly nouns in jieba's dictionary
        Assert.StartsWith("e:NOUN|", values[5]);
        // an invented word: not in the dictionary, yet its characters still say something
        lexicon.Features("鑫璟", values);
        Assert.Equal("f:none", values[3]);
        Assert.StartsWith("h:", values[0]);

        Assert.Equal(6, JiebaLexicon.Named(JiebaLexicon.LexiconName, Jieba.Instance)!.Slots);
        Assert.Equal(3, JiebaLexicon.Named(JiebaLexicon.WordOnlyName, Jieba.Instance)!.Slots);
        Assert.Null(JiebaLexicon.Named("something-else", Jieba.Instance));
    }

    [Fact]
    public void Non_Chinese_text_is_refused_naming_the_sentence()
    {
        var features = PosFeatures.Build([["我"]], 10, 1, new JiebaLexicon(Jieba.Instance), 64);
        using var tagger = new PosTagger(new PosTaggerNetwork(ChinesePosRecipe.NetworkConfig(
            new ArchitectureSpec { Hidden = 4, EmbeddingDim = 4 }, features)), features, ChinesePosRecipe.Chinese);
        var error = Assert.Throws<ModelInputException>(() => tagger.TagSentences(["我来了。", "Hello there."]));
        Assert.Equal("sentences[1]", error.Field);
        Assert.Contains("no Chinese characters", error.Message);
        Assert.Equal("sentences[0]", Assert.Throws<ModelInputException>(() => tagger.TagSentences([""])).Field);
    }
}
