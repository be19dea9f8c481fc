using SeqServe.Core.Sentiment;

namespace SeqServe.Core.Tests.Sentiment;

public class BinaryMetricsTests
{
    [Fact]
    public void Computes_accuracy_f1_and_auc_with_ties()
    {
        float[] scores = [0.9f, 0.8f, 0.4f, 0.4f, 0.2f, 0.6f];
        bool[] labels = [true, true, true, false, false, false];
        var m = BinaryMetrics.Compute(scores, labels);
        Assert.Equal(4.0 / 6, m.Accuracy, 6);       // 0.9, 0.8 right; 0.4(pos) wrong; 0.4, 0.2 right; 0.6 wrong
        Assert.Equal(2 * 2.0 / (2 * 2 + 1 + 1), m.F1, 6);
        // Pairs (pos, neg): 9; wins: 0.9 beats 3, 0.8 beats 3, 0.4 beats 0.2 and ties 0.4 → 7.5 / 9.
        Assert.Equal(7.5 / 9, m.Auc, 6);
    }
}
