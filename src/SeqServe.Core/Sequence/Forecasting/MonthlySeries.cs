using SeqServe.Core.Data;
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
        var table = CsvTable.Parse(csv);
        var column = table.Column(valueColumn);
        var observed = new SortedDictionary<int, float>();
        foreach (var cells in table.Rows)
        {
            var date = CsvTable.Date(cells[0]);
            observed[date.Year * 12 + date.Month - 1] = CsvTable.Number(cells[column]);
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
