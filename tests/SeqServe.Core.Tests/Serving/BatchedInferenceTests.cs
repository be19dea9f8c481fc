using SeqServe.Core.Pos;
using SeqServe.Core.Sentiment;
using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Serving;

/// <summary>A forward pass over many items gives each item what a pass over it alone gives (to 1e-5), for every shipped kind.</summary>
public class BatchedInferenceTests
{
    private const double Tolerance = 1e-5;

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"{what}[{i}]: alone {expected[i]}, batched {actual[i]}");
    }

    /// <summary>Runs every input alone and all of them in one pass through the scheduler (several requests, shared passes).</summary>
    private static async Task<(TOut[] Alone, TOut[] Batched)> AloneAndBatched<TIn, TOut>(IBatchKernel<TIn, TOut> kernel, IReadOnlyList<TIn> inputs)
    {
        var alone = inputs.Select(i => kernel.Run([i])[0]).ToArray();
        using var scheduler = new InferenceScheduler(new SchedulerSettings(MaxBatch: 64, MaxDelayMs: 50));
        var batched = await Task.WhenAll(inputs.Select(i => scheduler.Submit("m", "v", kernel, [i])));
        return (alone, batched.Select(b => b[0]).ToArray());
    }

    [Theory]
    [InlineData("sentiment-imdb")]
    [InlineData("sentiment-imdb-self-attention")]
    public async Task Sentiment_texts_of_mixed_lengths_score_the_same_batched(string model)
    {
        var scorer = (ISentimentScorer)ShippedModels.Load(model).Served;
        var texts = SampleReviews.Texts.Select((t, i) => scorer.Prepare(t, $"texts[{i}]")).ToList();
        Assert.True(texts.Max(t => t.Ids.Length) > 10 * texts.Min(t => t.Ids.Length), "the texts must differ a lot in length");
        var (alone, batched) = await AloneAndBatched(scorer, texts);
        AssertClose(alone, batched, "p(positive)");
        AssertClose(alone, scorer.Run(texts), "p(positive) in one pass");
    }

    [Theory]
    [InlineData("pos-brown")]
    [InlineData("pos-brown-self-attention")]
    public async Task Pos_sentences_of_mixed_lengths_tag_the_same_batched(string model)
    {
        var tagger = (IPosTagger)ShippedModels.Load(model).Served;
        var limits = new PosLimits();
        string[] sentences =
        [
            "Go.", "The old man walked his dog.", "She didn't see the nation's flag, nor did they want to.",
            "In the long, cold winter of that year the farmers of the valley, who had seen many hard seasons, sold most of their cattle and waited for spring.",
        ];
        var prepared = sentences.Select((s, i) => tagger.PrepareSentence(s, $"sentences[{i}]", limits)).ToList();
        var (alone, batched) = await AloneAndBatched(tagger, prepared);
        for (var s = 0; s < sentences.Length; s++)
        {
            Assert.Equal(alone[s].Select(t => t.Tag), batched[s].Select(t => t.Tag));
            AssertClose([.. alone[s].Select(t => t.Confidence)], [.. batched[s].Select(t => t.Confidence)], $"sentence {s} confidence");
        }
    }

    [Fact]
    public async Task Sequence_models_answer_the_same_batched()
    {
        var rng = new Random(5);
        var sine = (IPerStepPredictor)ShippedModels.Load("sine-cosine").Served;
        var sequences = new[] { 20, 20, 35, 20, 35 }.Select(steps => ModelCalls.Rows(sine.InputFeatures, steps, rng)).ToList();
        var (alone, batched) = await AloneAndBatched(sine, sequences);
        for (var i = 0; i < sequences.Count; i++) AssertClose(alone[i], batched[i], $"sine-cosine sequence {i}");

        var co2 = (IForecaster)ShippedModels.Load("co2-forecast").Served;
        var histories = new[] { 30, 30, 80, 30 }.Select(n => new ForecastInput(ModelCalls.Series(n, rng), 12)).ToList();
        var (forecastAlone, forecastBatched) = await AloneAndBatched(co2, histories);
        for (var i = 0; i < histories.Count; i++) AssertClose(forecastAlone[i], forecastBatched[i], $"co2 forecast {i}");

        var mnist = (ISequenceClassifier)ShippedModels.Load("mnist-rows").Served;
        var images = Enumerable.Range(0, 4).Select(_ => ModelCalls.Image(mnist, rng)).ToList();
        var (classAlone, classBatched) = await AloneAndBatched(mnist, images);
        for (var i = 0; i < images.Count; i++) AssertClose(classAlone[i].Probabilities, classBatched[i].Probabilities, $"mnist image {i}");

        var mapper = (ISequenceMapper)ShippedModels.Load("hello-ohlol").Served;
        var (mapAlone, mapBatched) = await AloneAndBatched(mapper, ["hello", "olleh", "hell", "hello"]);
        Assert.Equal(mapAlone, mapBatched);
        Assert.Equal("ohlol", mapBatched[0]);

        var weather = (IMultivariateForecaster)ShippedModels.Load("seattle-weather-forecast").Served;
        var rows = new[] { 20, 20, 9 }.Select(n => new MultivariateInput(ModelCalls.Rows(weather.Features.Count, n, rng), 5)).ToList();
        var (weatherAlone, weatherBatched) = await AloneAndBatched(weather, rows);
        for (var i = 0; i < rows.Count; i++)
            AssertClose([.. weatherAlone[i].SelectMany(r => r)], [.. weatherBatched[i].SelectMany(r => r)], $"weather forecast {i}");
    }
}
