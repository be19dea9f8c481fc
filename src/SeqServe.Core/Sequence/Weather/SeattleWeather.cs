using System.Globalization;
using System.Text;
using SeqServe.Core.Data;

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
        var tgz = packages.Fetch(NpmPackage.VegaDatasets, cancel);
        return Parse(Encoding.UTF8.GetString(TgzArchive.ReadFile(tgz, Entry)));
    }

    public static DailySeries Parse(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        var columns = Features.Select(f => Array.IndexOf(header, f)).ToArray();
        if (columns.Contains(-1) || header[0] != "date")
            throw new FormatException($"expected columns date, {string.Join(", ", Features)} in [{lines[0]}]");
        var rows = new float[lines.Length - 1][];
        DateOnly? start = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            var date = DateOnly.ParseExact(cells[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            start ??= date;
            if (date != start.Value.AddDays(i - 1))
                throw new FormatException($"line {i + 1}: {date:yyyy-MM-dd} does not follow the previous day.");
            rows[i - 1] = [.. columns.Select(c => float.Parse(cells[c], CultureInfo.InvariantCulture))];
        }
        return new DailySeries(start ?? default, Features, rows);
    }
}
