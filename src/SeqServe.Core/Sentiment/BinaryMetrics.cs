namespace SeqServe.Core.Sentiment;

/// <summary>Accuracy, F1 of the positive class and ROC-AUC of scores against labels.</summary>
public sealed record BinaryMetrics(double Accuracy, double F1, double Auc, int Count)
{
    public static BinaryMetrics Compute(IReadOnlyList<float> scores, IReadOnlyList<bool> labels, double threshold = 0.5)
    {
        int tp = 0, fp = 0, fn = 0, correct = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var predicted = scores[i] >= threshold;
            if (predicted == labels[i]) correct++;
            if (predicted && labels[i]) tp++;
            else if (predicted) fp++;
            else if (labels[i]) fn++;
        }
        var f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        return new BinaryMetrics((double)correct / scores.Count, f1, RocAuc(scores, labels), scores.Count);
    }

    /// <summary>Mann–Whitney form of the ROC-AUC; tied scores share their average rank.</summary>
    public static double RocAuc(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double rankSumPositive = 0;
        long positives = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]]) j++;
            var rank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++)
                if (labels[order[k]]) { rankSumPositive += rank; positives++; }
            i = j + 1;
        }
        var negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
