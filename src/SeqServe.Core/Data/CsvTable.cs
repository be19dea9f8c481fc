using System.Globalization;

namespace SeqServe.Core.Data;

/// <summary>
/// A plain comma-separated table with a header row and no quoting (the vega-datasets series): named
/// columns, one row of cells per non-empty line, dates and numbers read in the invariant culture.
/// </summary>
public sealed class CsvTable
{
    private readonly string[] header;

    public IReadOnlyList<string[]> Rows { get; }

    private CsvTable(string[] header, IReadOnlyList<string[]> rows) => (this.header, Rows) = (header, rows);

    public static CsvTable Parse(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0) throw new FormatException("the CSV text is empty");
        return new CsvTable(lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToList());
    }

    /// <summary>The index of <paramref name="name"/>; a <see cref="FormatException"/> naming the header when there is none.</summary>
    public int Column(string name)
    {
        var index = Array.IndexOf(header, name);
        return index >= 0 ? index : throw new FormatException($"column '{name}' not found in [{string.Join(",", header)}]");
    }

    public static DateOnly Date(string cell) => DateOnly.ParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static float Number(string cell) => float.Parse(cell, CultureInfo.InvariantCulture);
}
