using SeqServe.Core.Pos;
using SeqServe.Core.Sentiment;
using SeqServe.Core.Serving;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Serving;

/// <summary>One small, valid call of whatever a served model does, for every kind the service serves.</summary>
public static class ModelCalls
{
    public static Action For(IServedModel model, Random rng) => model switch
    {
        ISentimentScorer s => () => s.Score([SampleReviews.Texts[rng.Next(SampleReviews.Texts.Length)]]), // one text: many native calls a second
        IPosTagger { Language: "zh" } t => () => t.TagSentences(["我来到北京清华大学。", "他用iPhone 15拍了3张照片，很喜欢。"]),
        IPosTagger t => () => t.TagSentences(["The old man walked his dog.", "She didn't see the nation's flag, nor did they."]),
        IPerStepPredictor p => () =>
        {
            p.Predict(Sequences(p.InputFeatures, 3, 20, rng));
            if (p is IStatefulStepper stepper) stepper.Step(Rows(p.InputFeatures, 5, rng), null).State.Dispose();
        },
        IForecaster f => () => f.Forecast(Series(f.MinHistory + 11, rng), 6),
        IMultivariateForecaster m => () => m.Forecast(Rows(m.Features.Count, m.MinHistory + 3, rng), 4),
        ISequenceMapper m => () => m.Map(new string([.. Enumerable.Range(0, 12).Select(_ => m.Alphabet[rng.Next(m.Alphabet.Length)])])),
        ISequenceClassifier c => () => c.Classify(Image(c, rng)),
        ISequenceGenerator g => () => g.Generate("Call me ", 24, 0.8, rng.Next()),
        _ => throw new InvalidOperationException($"no call for a '{model.Kind}' model"),
    };

    public static float[][][] Sequences(int features, int batch, int steps, Random rng) =>
        [.. Enumerable.Range(0, batch).Select(_ => Rows(features, steps, rng))];

    public static float[][] Rows(int features, int steps, Random rng) =>
        [.. Enumerable.Range(0, steps).Select(_ => Enumerable.Range(0, features).Select(_ => (float)rng.NextDouble()).ToArray())];

    public static float[] Series(int length, Random rng)
    {
        var level = 400.0;
        return [.. Enumerable.Range(0, length).Select(t => (float)(level += 0.15 + 2 * Math.Sin(t * Math.PI / 6) * 0.3 + rng.NextDouble() * 0.1))];
    }

    public static float[][] Image(ISequenceClassifier c, Random rng) =>
        [.. Enumerable.Range(0, c.Steps).Select(_ => Enumerable.Range(0, c.Features).Select(_ => rng.NextDouble() < 0.2 ? 1f : 0f).ToArray())];
}
