namespace SeqServe.Core.Sequence.Forecasting;

/// <summary>
/// The series transform the forecaster learns in: month-over-month differences, standardised with
/// statistics of the training part only. Differencing removes the trend, so the model is not asked
/// to extrapolate to levels it never saw.
/// </summary>
public sealed record DifferenceScaler(double Mean, double Std)
{
    public static DifferenceScaler Fit(ReadOnlySpan<float> values)
    {
        var diffs = new double[values.Length - 1];
        for (var i = 1; i < values.Length; i++) diffs[i - 1] = values[i] - values[i - 1];
        var mean = diffs.Average();
        var std = Math.Sqrt(diffs.Select(d => (d - mean) * (d - mean)).Average());
        return new DifferenceScaler(mean, std > 1e-9 ? std : 1.0);
    }

    /// <summary>Standardised differences: element k is (v[k+1] − v[k] − mean) / std.</summary>
    public float[] Transform(ReadOnlySpan<float> values)
    {
        var z = new float[values.Length - 1];
        for (var i = 1; i < values.Length; i++) z[i - 1] = (float)((values[i] - values[i - 1] - Mean) / Std);
        return z;
    }

    public double Invert(float z) => z * Std + Mean;
}
