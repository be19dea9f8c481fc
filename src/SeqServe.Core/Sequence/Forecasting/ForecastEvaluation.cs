namespace SeqServe.Core.Sequence.Forecasting;

/// <summary>
/// Rolling-origin evaluation on the held-out tail: from every origin in the test part, forecast the
/// next <c>horizon</c> values from the true history before it, and compare with the truth and with
/// the seasonal-naive (same month last year) and persistence (last value) baselines.
/// </summary>
public static class ForecastEvaluation
{
    public sealed record Result(double ModelRmse, double SeasonalNaiveRmse, double PersistenceRmse, int Origins);

    public static Result Evaluate(SeriesForecaster forecaster, float[] series, int testStart, int horizon, int season)
    {
        var origins = Enumerable.Range(testStart, series.Length - horizon - testStart + 1).ToArray();
        var histories = origins.Select(o => series[..o]).ToArray();
        var forecasts = forecaster.ForecastBatch(histories, horizon);
        double model = 0, naive = 0, persistence = 0;
        var n = 0;
        for (var i = 0; i < origins.Length; i++)
        {
            var o = origins[i];
            for (var h = 0; h < horizon; h++)
            {
                var truth = series[o + h];
                var seasonal = series[o + h - season * (1 + h / season)];
                model += Square(forecasts[i][h] - truth);
                naive += Square(seasonal - truth);
                persistence += Square(series[o - 1] - truth);
                n++;
            }
        }
        return new Result(Math.Sqrt(model / n), Math.Sqrt(naive / n), Math.Sqrt(persistence / n), origins.Length);
    }

    private static double Square(double x) => x * x;
}
