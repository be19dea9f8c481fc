namespace SeqServe.Core.Sentiment;

/// <summary>
/// Calibration of p(positive): expected calibration error, a temperature fitted by likelihood, and the confidence
/// band a served result carries.
/// </summary>
public static class Calibration
{
    public const int EceBins = 10;
    /// <summary>Temperatures tried when fitting: 0.25 to 8 on a log grid of 1 % steps.</summary>
    public const double MinTemperature = 0.25, MaxTemperature = 8;

    public const string EceRule =
        "ECE = sum over 10 equal-width bins of p(positive) in [0, 1] of (bin share) x |mean p - share positive| (the last bin includes 1)";

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>Expected calibration error of p(positive) against the labels, <see cref="EceBins"/> equal-width bins.</summary>
    public static double Ece(IReadOnlyList<float> p, IReadOnlyList<bool> labels)
    {
        var count = new int[EceBins];
        var sumP = new double[EceBins];
        var positives = new int[EceBins];
        for (var i = 0; i < p.Count; i++)
        {
            var bin = Math.Min(EceBins - 1, (int)(p[i] * EceBins));
            count[bin]++;
            sumP[bin] += p[i];
            if (labels[i]) positives[bin]++;
        }
        double ece = 0;
        for (var b = 0; b < EceBins; b++)
            if (count[b] > 0) ece += (double)count[b] / p.Count * Math.Abs(sumP[b] / count[b] - (double)positives[b] / count[b]);
        return ece;
    }

    /// <summary>Mean negative log-likelihood of the labels under sigmoid(logit / temperature).</summary>
    public static double Nll(IReadOnlyList<float> logits, IReadOnlyList<bool> labels, double temperature)
    {
        double sum = 0;
        for (var i = 0; i < logits.Count; i++)
        {
            var z = logits[i] / temperature * (labels[i] ? 1 : -1);
            sum += z > 0 ? Math.Log(1 + Math.Exp(-z)) : -z + Math.Log(1 + Math.Exp(z)); // -log sigmoid(z), stable
        }
        return sum / logits.Count;
    }

    /// <summary>
    /// The temperature (on a fixed log grid) minimising the mean of the per-set NLLs: every set counts the same
    /// however many texts it holds. Dividing the logit by a positive temperature never changes a label.
    /// </summary>
    public static double FitTemperature(params (IReadOnlyList<float> Logits, IReadOnlyList<bool> Labels)[] sets)
    {
        double best = 1, bestLoss = double.PositiveInfinity;
        for (var t = MinTemperature; t <= MaxTemperature; t *= 1.01)
        {
            var loss = sets.Average(s => Nll(s.Logits, s.Labels, t));
            if (loss < bestLoss) (best, bestLoss) = (t, loss);
        }
        return best;
    }

    /// <summary>p(positive) of every logit at <paramref name="temperature"/>.</summary>
    public static float[] Probabilities(IReadOnlyList<float> logits, double temperature) =>
        [.. logits.Select(z => (float)Sigmoid(z / temperature))];
}

/// <summary>
/// How far a result can be trusted, from its calibrated p(positive) and whether the text holds a word the model knows.
/// "uncertain": no letter-bearing token of the text is in the model's vocabulary (punctuation, numbers or unknown
/// words only, e.g. "!!!"), or max(p, 1 − p) &lt; <see cref="Low"/>; "low": max(p, 1 − p) &lt; <see cref="High"/>;
/// "high" otherwise.
/// </summary>
public static class ConfidenceBand
{
    public const float Low = 0.65f, High = 0.85f;
    public const string Uncertain = "uncertain", LowBand = "low", HighBand = "high";

    public const string Rule =
        "uncertain when the text holds no word the model knows (no token with a letter in its vocabulary) or max(p, 1-p) < 0.65; " +
        "low when max(p, 1-p) < 0.85; high otherwise (p = the calibrated score)";

    public static string Of(float p, bool knowsAWord = true)
    {
        var c = Math.Max(p, 1 - p);
        return !knowsAWord || c < Low ? Uncertain : c < High ? LowBand : HighBand;
    }
}
