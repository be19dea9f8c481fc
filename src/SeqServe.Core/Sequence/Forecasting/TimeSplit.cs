using SeqServe.Core.Training;

namespace SeqServe.Core.Sequence.Forecasting;

/// <summary>
/// What every forecasting recipe shares about its data and requests: the split by time (the last 10 % of
/// steps test, the 10 % before validate, the rest train) and the refusal of bidirectional encoders.
/// </summary>
public static class TimeSplit
{
    public const double TestFraction = 0.1, ValidFraction = 0.1;

    /// <summary>Index of the first validation step and of the first test step of a series of <paramref name="count"/> steps.</summary>
    public static (int ValidStart, int TestStart) Of(int count)
    {
        var testStart = count - (int)Math.Round(count * TestFraction);
        return (testStart - (int)Math.Round(count * ValidFraction), testStart);
    }

    public static void RefuseBidirectional(JobSpec spec, IDictionary<string, string[]> errors)
    {
        if (spec.Architecture?.Bidirectional == true)
            SpecBounds.Add(errors, "architecture.bidirectional", "a forecaster cannot read the future: must be false.");
    }
}
