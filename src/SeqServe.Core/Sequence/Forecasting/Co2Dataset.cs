using System.Text;
using SeqServe.Core.Data;
using SeqServe.Core.Sequence.Shared;

namespace SeqServe.Core.Sequence.Forecasting;

/// <summary>Monthly Mauna Loa CO2 (ppm) from vega-datasets, read straight from the pinned package.</summary>
public static class Co2Dataset
{
    public const string Entry = "package/data/co2-concentration.csv";
    public const string Column = "CO2";

    public static MonthlySeries Load(PackageCache packages, CancellationToken cancel = default)
    {
        var tgz = packages.Fetch(VegaDatasets.Package, cancel);
        return MonthlySeries.FromCsv(Encoding.UTF8.GetString(TgzArchive.ReadFile(tgz, Entry)), Column);
    }
}
