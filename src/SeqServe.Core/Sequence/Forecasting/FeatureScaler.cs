namespace SeqServe.Core.Sequence.Forecasting;

/// <summary>Per-feature standardisation with statistics of the training part only; stored in the manifest.</summary>
public sealed record FeatureScaler(double[] Mean, double[] Std)
{
    public int Features => Mean.Length;

    public static FeatureScaler Fit(IReadOnlyList<float[]> rows)
    {
        var features = rows[0].Length;
        var mean = new double[features];
        var std = new double[features];
        for (var f = 0; f < features; f++)
        {
            var m = rows.Average(r => (double)r[f]);
            var s = Math.Sqrt(rows.Average(r => (r[f] - m) * (r[f] - m)));
            mean[f] = m;
            std[f] = s > 1e-9 ? s : 1.0;
        }
        return new FeatureScaler(mean, std);
    }

    /// <summary>Rows → standardised values, row-major (step t's features at t·Features …).</summary>
    public float[] Transform(IReadOnlyList<float[]> rows)
    {
        var z = new float[rows.Count * Features];
        for (var t = 0; t < rows.Count; t++)
        for (var f = 0; f < Features; f++)
            z[t * Features + f] = (float)((rows[t][f] - Mean[f]) / Std[f]);
        return z;
    }

    public float Invert(float z, int feature) => (float)(z * Std[feature] + Mean[feature]);
}
