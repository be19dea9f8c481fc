using System.Globalization;
using System.Text;
using SeqServe.Core.Data;
using SeqServe.Core.Sequence.Shared;

namespace SeqServe.Core.Sequence.Weather;

/// <summary>Daily observations, one row of <see cref="Features"/> values per consecutive day.</summary>
public sealed record DailySeries(DateOnly Start, IReadOnlyList<string> Features, float[][] Rows)
{
    public DateOnly DayAt(int index) => Start.AddDays(index);

    public float[] Column(string feature)
    {
        var f = Features.ToList().IndexOf(feature);
        return [.. Rows.Select(r => r[f])];
    }
}

/// <summary>
/// Daily Seattle weather 2012–2015 from vega-datasets (<c>data/seattle-weather.csv</c>), read straight from the
/// pinned package: precipitation (mm), temp_max and temp_min (°C), wind (m/s). The categorical
/// <c>weather</c> column is not used. Days must be consecutive.
/// </summary>
public static class SeattleWeather
{
    public const string Entry = "package/data/seattle-weather.csv";
    public static readonly string[] Features = ["precipitation", "temp_max", "temp_min", "wind"];

    public static DailySeries Load(PackageCache packages, CancellationToken cancel = default)
    {
        var tgz = packages.Fetch(VegaDatasets.Package, cancel);
        return Parse(Encoding.UTF8.GetString(TgzArchive.ReadFile(tgz, Entry)));
    }

    public static DailySeries Parse(string csv)
    {
        var table = CsvTable.Parse(csv);
        if (table.Column("date") != 0) throw new FormatException("the first column must be 'date'");
        var columns = Features.Select(table.Column).ToArray();
        var rows = new float[table.Rows.Count][];
        DateOnly? start = null;
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var cells = table.Rows[i];
            var date = CsvTable.Date(cells[0]);
            start ??= date;
            if (date != start.Value.AddDays(i))
                throw new FormatException($"line {i + 2}: {date:yyyy-MM-dd} does not follow the previous day.");
            rows[i] = [.. columns.Select(c => CsvTable.Number(cells[c]))];
        }
        return new DailySeries(start ?? default, Features, rows);
    }
}
