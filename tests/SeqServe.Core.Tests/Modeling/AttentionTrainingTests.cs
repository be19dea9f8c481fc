using SeqServe.Core.Modeling;
using SeqServe.Core.Pos;
using SeqServe.Core.Sentiment;
using SeqServe.Core.Sequence.CharGeneration;
using SeqServe.Core.Sequence.Forecasting;
using SeqServe.Core.Sequence.Mnist;
using SeqServe.Core.Serving;
using SeqServe.Core.Training;
using SeqServe.Tests;
using Xunit.Abstractions;

namespace SeqServe.Core.Tests.Modeling;

/// <summary>
/// A tiny real training of every task with the transformer encoder and with self-attention over the recurrent
/// encoder, through the recipes (small slices, seconds each): each reaches a stated floor, loads back and serves.
/// </summary>
/// <remarks>Runs alone: torch's generator is process-wide, and the floors hold for the seeded run, not for one whose draws
/// other tests' trainings interleave with.
/// </remarks>
[Collection(nameof(SeqServe.Core.Tests.Training.TorchGlobalRandom))]
public class AttentionTrainingTests(ITestOutputHelper output)
{
    private static readonly ArchitectureSpec SmallTransformer = new() { Encoder = "transformer", Hidden = 32, Layers = 1, Heads = 4, FfHidden = 64 };

    [Theory]
    [InlineData("transformer")]
    [InlineData("self")]
    public void Mnist_rows_learn_digits(string kind)
    {
        using var dir = new TempDir();
        var spec = new JobSpec
        {
            Task = "sequence", Dataset = "mnist",
            Architecture = kind == "self" ? new ArchitectureSpec { Hidden = 24, Attention = "self", Heads = 4 } : SmallTransformer,
            Training = kind == "self"
                ? new TrainingSpec { Epochs = 1, BatchSize = 64, MaxExamples = 3000, LearningRate = 0.01 }
                : new TrainingSpec { Epochs = 3, BatchSize = 64, MaxExamples = 3000, LearningRate = 0.003 },
        };
        var (manifest, served, _) = RecipeRunner.TrainAndLoad(new MnistRecipe(), spec, dir.Path);
        var accuracy = manifest.Metrics["testAccuracy"];
        output.WriteLine($"{kind}: test accuracy {accuracy:F4}");
        Assert.True(accuracy > 0.3, $"test accuracy {accuracy}"); // chance is 0.1; 3,000 images (three passes for the transformer)
        Assert.Equal(kind == "self" ? "self" : null, manifest.Architecture!["encoder"]!["attention"]?.GetValue<string>());
        var (_, _, test) = MnistData.Load(RecipeRunner.Packages);
        Assert.Equal(1.0, ((ISequenceClassifier)served).Classify(test.RowsOf(0)).Probabilities.Sum(), 3);
    }

    [Theory]
    [InlineData("transformer")]
    [InlineData("self")]
    public void Brown_pos_tags_and_explains_with_attention_rows_summing_to_one(string kind)
    {
        using var dir = new TempDir();
        var spec = new JobSpec
        {
            Task = "pos", Dataset = "brown",
            Architecture = kind == "self"
                ? new ArchitectureSpec { Hidden = 16, EmbeddingDim = 16, Attention = "self", Heads = 4 }
                : SmallTransformer with { EmbeddingDim = 16 },
            Training = new TrainingSpec { Epochs = 2, MaxExamples = 400, BatchSize = 16, LearningRate = 0.005, Seed = 1 },
        };
        var (manifest, served, _) = RecipeRunner.TrainAndLoad(new BrownPosRecipe(), spec, dir.Path, "pos-test");
        var accuracy = manifest.Metrics["testAccuracy"];
        output.WriteLine($"{kind}: token accuracy {accuracy:F4}, unknown words {manifest.Metrics["testUnknownWordAccuracy"]:F4}");
        Assert.InRange(accuracy, 0.5, 1.0); // above all-NOUN (~0.27) after 50 steps

        var tagger = Assert.IsAssignableFrom<IPosTagger>(served);
        Assert.True(tagger.Attends);
        var limits = new PosLimits();
        var sentences = new[] { "The old man walked his dog.", "She didn't see it." }
            .Select((s, i) => tagger.PrepareSentence(s, $"sentences[{i}]", limits)).ToList();
        var attention = tagger.AttentionOf(sentences);
        for (var s = 0; s < sentences.Count; s++)
        {
            var n = sentences[s].Forms.Count;
            Assert.Equal(n, attention[s].Length);
            Assert.All(attention[s], row => Assert.Equal(1.0, row.Sum(x => (double)x), 4));
            Assert.All(attention[s], row => Assert.Equal(n, row.Length));
        }
        // batched with a longer sentence or alone: the same weights
        var alone = tagger.AttentionOf([sentences[1]]);
        var difference = alone[0].Zip(attention[1], (x, y) => x.Zip(y, (u, v) => Math.Abs(u - v)).Max()).Max();
        Assert.True(difference < 1e-5, $"batching changed the attention weights by {difference}");
    }

    [Theory]
    [InlineData("transformer")]
    [InlineData("self")]
    public void Imdb_sentiment_scores_and_explains_with_self_attention(string kind)
    {
        using var dir = new TempDir();
        var spec = new JobSpec
        {
            Task = "sentiment", Dataset = "imdb",
            Architecture = (kind == "self" ? new ArchitectureSpec { Cell = "gru", Hidden = 8, Attention = "self", Heads = 4 } : SmallTransformer)
                with { MaxTokens = 64, MaxVocabulary = 2000, Pooling = "max" },
            Training = new TrainingSpec { Epochs = 2, MaxExamples = 2000, BatchSize = 32, LearningRate = kind == "self" ? 0.002 : 0.0005 },
        };
        var (manifest, served, _) = RecipeRunner.TrainAndLoad(new ImdbSentimentRecipe(), spec, dir.Path);
        output.WriteLine($"{kind}: test accuracy {manifest.Metrics["testAccuracy"]:F4}");
        // 2,000 reviews, 2 epochs: self-attention reached 0.62 and the transformer (at a lower rate) 0.556 on the
        // 9,941 test reviews (about half are positive); the floors sit clearly above chance and below those figures.
        Assert.True(manifest.Metrics["testAccuracy"] >= (kind == "self" ? 0.58 : 0.53), $"{kind}: test accuracy {manifest.Metrics["testAccuracy"]:F4}");
        var scorer = Assert.IsAssignableFrom<ISentimentScorer>(served);
        Assert.Equal("self-attention", scorer.AttributionMethod);
        var texts = new[] { "A wonderful, moving film.", "Dull and far too long; I walked out of it before the end." };
        var results = scorer.Score(texts, explain: true);
        Assert.All(results, r => Assert.Equal(1.0, r.Attributions!.Sum(t => (double)t.Weight), 4));
        var alone = scorer.Score([texts[0]], explain: true)[0];
        Assert.Equal(results[0].Score, alone.Score, 1e-5f);
        Assert.All(alone.Attributions!.Zip(results[0].Attributions!), p => Assert.Equal(p.First.Weight, p.Second.Weight, 1e-5f));
    }

    [Fact]
    public void Moby_dick_trains_a_causal_transformer_without_carried_state_and_generates_reproducibly()
    {
        using var dir = new TempDir();
        var spec = new JobSpec
        {
            Task = "sequence", Dataset = "moby-dick",
            Architecture = SmallTransformer with { EmbeddingDim = 16, Window = 32 },
            Training = new TrainingSpec { Epochs = 1, BatchSize = 16, MaxExamples = 60_000, LearningRate = 0.005, CarryState = false },
        };
        var errors = new Dictionary<string, string[]>();
        SeqServe.Core.Tasks.RecipeValidation.Check(new CharGenerationRecipe(), spec, errors);
        Assert.Empty(errors);
        var (manifest, served, _) = RecipeRunner.TrainAndLoad(new CharGenerationRecipe(), spec, dir.Path);
        var bits = manifest.Metrics["testBitsPerChar"];
        output.WriteLine($"transformer: {bits:F3} bits/char");
        Assert.InRange(bits, 1.0, 4.2); // below the unigram baseline (4.45) after about a hundred steps
        Assert.Equal(32, manifest.Architecture!["encoder"]!["context"]!.GetValue<int>());
        Assert.True(manifest.Architecture["encoder"]!["causal"]!.GetValue<bool>());

        var generator = (ISequenceGenerator)served;
        var prompt = string.Concat(Enumerable.Repeat("Call me Ishmael. ", 5)); // longer than the context
        var a = generator.Generate(prompt, 50, 0.8, seed: 7);
        Assert.Equal(50, a.Length);
        Assert.Equal(a, generator.Generate(prompt, 50, 0.8, seed: 7));
    }

    [Fact]
    public void Co2_forecasts_with_a_causal_transformer()
    {
        using var dir = new TempDir();
        var spec = new JobSpec { Architecture = SmallTransformer, Training = new TrainingSpec { Epochs = 8 } };
        var (manifest, served, _) = RecipeRunner.TrainAndLoad(new Co2ForecastRecipe(), spec, dir.Path);
        var m = manifest.Metrics;
        output.WriteLine($"transformer: testRmse={m["testRmse"]:F3} seasonalNaive={m["baselineRmse"]:F3} persistence={m["persistenceRmse"]:F3}");
        Assert.True(m["testRmse"] < m["persistenceRmse"], "the transformer does not beat persistence");
        var history = Co2Dataset.Load(RecipeRunner.Packages).Values;
        var forecast = ((IForecaster)served).Forecast(history, 24);
        Assert.All(forecast, v => Assert.InRange(v, 395f, 440f)); // the series ends at 416 ppm in 2020-04
    }
}
