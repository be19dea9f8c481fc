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
            Architecture = new ArchitectureSpec { Hidden = 32, EmbeddingDim = 32, CharFilters = 8, Ensemble = 1 }, // small and fast; the characters reach the checkpoint and back
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

    [Theory]
    [InlineData(16, 1)]
    [InlineData(0, 3)]
    [InlineData(16, 2)]
    public void The_character_encoder_and_an_ensemble_round_trip_and_change_the_outputs(int charFilters, int ensemble)
    {
        using var dir = new TempDir();
        string[][] train = [["我", "来到", "北京"], ["我", "爱", "北京", "大学"]];
        var features = PosFeatures.Build(train, 100, 1, new JiebaLexicon(Jieba.Instance), ChinesePosRecipe.Buckets, characters: charFilters > 0);
        var config = ChinesePosRecipe.NetworkConfig(new ArchitectureSpec { Hidden = 8, EmbeddingDim = 8, CharFilters = charFilters, Ensemble = ensemble }, features);
        Assert.Equal(charFilters > 0, config.HasCharacterEncoder);
        Assert.Equal(ensemble, config.Members);
        Assert.Equal(8 + config.AffixSlots * config.AffixDim + charFilters, config.Encoder.InputSize);
        manual_seed(3);
        using var original = new PosTaggerNetwork(config);
        original.eval();
        var keys = original.state_dict().Keys.ToList();
        Assert.Equal(charFilters > 0, keys.Any(k => k.EndsWith("characterConv.weight", StringComparison.Ordinal)));
        Assert.Equal(ensemble > 1, keys.All(k => k.StartsWith("members.", StringComparison.Ordinal)));
        ModelFiles.SaveWeights(original, dir.Path);
        manual_seed(11);
        using var loaded = ModelFiles.LoadWeights(new PosTaggerNetwork(config), dir.Path);

        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        // 大 and 学 are training characters, 清 and 华 are not (unknown id); the batch pads 我 to the longest word
        var batch = PosBatch.Create(features, [["我", "来到", "清华大学", "。"], ["北京"]]);
        Assert.Equal(charFilters > 0, batch.CharIds is not null);
        var x = original.Forward(batch);
        var y = loaded.Forward(batch);
        Assert.Equal(new long[] { 2, 4, 17 }, y.shape);
        Assert.True(x.equal(y).all().item<bool>(), "outputs differ after a save/load round trip");
        Assert.True(y.exp().sum(2)[0].sub(1).abs().max().item<float>() < 1e-4, "an ensemble's averaged probabilities must sum to one");
        Assert.Equal(ensemble, (int)original.MemberLogProbabilities(batch).shape[0]);
        if (charFilters > 0)
        {
            Span<long> ids = stackalloc long[PosFeatures.MaxWordChars];
            features.CharIds("清学", ids);
            Assert.Equal(1, ids[0]); // unseen character → unknown
            Assert.True(ids[1] > 1);
            Assert.Equal(PosFeatures.CharPadId, ids[2]);
            // the characters reach the output: the same word ids with other characters tag differently
            var other = PosBatch.Create(features, [["我", "来到", "北京大学", "。"], ["北京"]]);
            var z = loaded.Forward(other.WordIds, batch.AffixIds, batch.Lengths, other.CharIds);
            Assert.False(z.equal(y).all().item<bool>(), "the character encoder had no effect");
        }
    }

    [Theory]
    [InlineData("{\"ensemble\": 2, \"attention\": \"self\"}", "architecture.ensemble")]
    [InlineData("{\"ensemble\": 9}", "architecture.ensemble")]
    [InlineData("{\"ensemble\": 0}", "architecture.ensemble")]
    [InlineData("{\"charFilters\": -1}", "architecture.charFilters")]
    [InlineData("{\"charFilters\": 513}", "architecture.charFilters")]
    public void Out_of_range_character_and_ensemble_fields_are_refused_naming_the_field(string architecture, string field)
    {
        var a = System.Text.Json.JsonSerializer.Deserialize<ArchitectureSpec>(architecture, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        var errors = new Dictionary<string, string[]>();
        SpecBounds.Check(a, errors);
        new ChinesePosRecipe().Validate(new JobSpec { Model = "m", Task = "pos", Dataset = "ud-zh-gsdsimp", Architecture = a }, errors);
        Assert.Equal([field], errors.Keys);
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

    [Fact]
    public void A_language_reading_is_what_the_model_reads_and_the_answer_keeps_the_text_as_given()
    {
        var features = PosFeatures.Build([["我"]], 10, 1, new JiebaLexicon(Jieba.Instance), 64);
        PosTaggerNetwork Network() => new(ChinesePosRecipe.NetworkConfig(new ArchitectureSpec { Hidden = 4, EmbeddingDim = 4 }, features));
        using var tagger = new PosTagger(Network(), features, ChinesePosRecipe.Chinese);
        var limits = new PosLimits();

        var sentence = tagger.PrepareSentence("我來到北京清華大學", "sentences[0]", limits);
        Assert.Equal(["我", "来到", "北京", "清华大学"], sentence.Forms);
        Assert.Equal(["我", "來到", "北京", "清華大學"], sentence.Raw!.Select(t => t.Text));
        Assert.Equal(["我", "來到"], tagger.TagTokens([["我", "來到"]]).Single().Select(t => t.Text));
        Assert.Equal(["我", "来到"], tagger.PrepareTokens(["我", "來到"], "tokens[0]", limits).Forms);

        // a reading that changes a text's length would move every offset: refused, not served wrong
        using var broken = new PosTagger(Network(), features, ChinesePosRecipe.Chinese with { ReadAs = text => text + "。" });
        Assert.Throws<InvalidOperationException>(() => broken.PrepareSentence("我来了", "sentences[0]", limits));
    }
}
