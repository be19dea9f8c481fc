using System.Globalization;

namespace SeqServe.Core.Sequence.Forecasting;

/// <summary>
/// A monthly series on a regular calendar: months missing from the source are filled by linear
/// interpolation between their neighbours (and counted), so a seasonal lag of 12 is always a year.
/// </summary>
public sealed record MonthlySeries(DateOnly Start, float[] Values, int Interpolated)
{
    public static MonthlySeries FromCsv(string csv, string valueColumn)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        var column = Array.IndexOf(header, valueColumn);
        if (column < 0) throw new FormatException($"column '{valueColumn}' not found in [{lines[0]}]");
        var observed = new SortedDictionary<int, float>();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var date = DateOnly.ParseExact(cells[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            observed[date.Year * 12 + date.Month - 1] = float.Parse(cells[column], CultureInfo.InvariantCulture);
        }
        var first = observed.Keys.First();
        var last = observed.Keys.Last();
        var values = new float[last - first + 1];
        var filled = 0;
        int? previous = null;
        foreach (var (month, value) in observed)
        {
            if (previous is { } p)
                for (var m = p + 1; m < month; m++, filled++)
                    values[m - first] = values[p - first] + (value - values[p - first]) * (m - p) / (month - p);
            values[month - first] = value;
            previous = month;
        }
        return new MonthlySeries(new DateOnly(first / 12, first % 12 + 1, 1), values, filled);
    }

    public DateOnly MonthAt(int index) => Start.AddMonths(index);
}
