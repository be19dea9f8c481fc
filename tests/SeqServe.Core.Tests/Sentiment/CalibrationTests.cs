using SeqServe.Core.Data;
using SeqServe.Core.Sentiment;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Sentiment;

public class CalibrationTests
{
    [Fact]
    public void Ece_weights_each_bin_by_its_share_of_the_texts()
    {
        // bin 9: p 0.95, 0.95 with one positive → |0.95 - 0.5| × 2/4; bin 1: p 0.1, 0.1 with none positive → |0.1 - 0| × 2/4
        float[] p = [0.95f, 0.95f, 0.1f, 0.1f];
        bool[] labels = [true, false, false, false];
        Assert.Equal(0.45 * 0.5 + 0.1 * 0.5, Calibration.Ece(p, labels), 5);
        Assert.Equal(0, Calibration.Ece([1f, 0f], [true, false]), 6); // p = 1 falls in the last bin
    }

    [Fact]
    public void The_fitted_temperature_softens_overconfident_logits_and_keeps_every_label()
    {
        // Logits four times too large for labels drawn from sigmoid(z / 4): the fit lands near 4.
        var random = new Random(7);
        var logits = new List<float>();
        var labels = new List<bool>();
        for (var i = 0; i < 4000; i++)
        {
            var z = (float)(random.NextDouble() * 16 - 8);
            logits.Add(z);
            labels.Add(random.NextDouble() < Calibration.Sigmoid(z / 4));
        }
        var t = Calibration.FitTemperature((logits, labels));
        Assert.InRange(t, 3.3, 4.8);
        Assert.True(Calibration.Nll(logits, labels, t) < Calibration.Nll(logits, labels, 1));
        var calibrated = Calibration.Probabilities(logits, t);
        Assert.True(Calibration.Ece(calibrated, labels) < Calibration.Ece(Calibration.Probabilities(logits, 1), labels));
        Assert.All(Enumerable.Range(0, logits.Count), i => Assert.Equal(logits[i] >= 0, calibrated[i] >= 0.5f));
    }

    [Theory]
    [InlineData(0.97f, true, "high")]
    [InlineData(0.03f, true, "high")]
    [InlineData(0.80f, true, "low")]
    [InlineData(0.25f, true, "low")]
    [InlineData(0.60f, true, "uncertain")]
    [InlineData(0.45f, true, "uncertain")]
    [InlineData(0.99f, false, "uncertain")]
    public void The_confidence_band_follows_the_documented_rule(float p, bool knowsAWord, string band) =>
        Assert.Equal(band, ConfidenceBand.Of(p, knowsAWord));

    [Fact]
    public void Crops_are_sentences_or_phrases_inside_one_sentence()
    {
        // ids: 10 11 12 . | 20 21 ! ! | 30 31 32 33 34   (. = 2, ! = 3)
        long[] ids = [10, 11, 12, 2, 20, 21, 3, 3, 30, 31, 32, 33, 34];
        var crops = new TextCrops(new HashSet<long> { 2, 3 }, maxTokens: 4);
        var sentences = crops.Sentences(ids);
        Assert.Equal([(0, 4), (4, 8), (8, 13)], sentences);
        var random = new Random(1);
        for (var i = 0; i < 200; i++)
        {
            var crop = crops.Crop(ids, sentences, random);
            Assert.InRange(crop.Length, 2, 4);
            var start = Enumerable.Range(0, ids.Length - crop.Length + 1).First(s => ids.AsSpan(s, crop.Length).SequenceEqual(crop));
            Assert.Contains(sentences, s => start >= s.Start && start + crop.Length <= s.End);
        }
    }

    [Fact]
    public void The_sentence_set_splits_by_hash_into_the_documented_halves()
    {
        var sentences = SentenceSet.Read(new PackageCache(TestPaths.DataCache).Fetch(SentenceSet.Package));
        Assert.Equal(990, sentences.Count); // 1,000 lines, 10 repeated sentences dropped
        var split = SentenceSet.Split(sentences);
        Assert.Equal(474, split.Valid.Count);
        Assert.Equal(227, split.Valid.Count(s => s.Positive));
        Assert.Equal(516, split.Test.Count);
        Assert.Equal(266, split.Test.Count(s => s.Positive));
        Assert.All(split.Valid, s => Assert.True(s.Hash[0] < 0x80));
        Assert.All(split.Test, s => Assert.True(s.Hash[0] >= 0x80));
    }
}
