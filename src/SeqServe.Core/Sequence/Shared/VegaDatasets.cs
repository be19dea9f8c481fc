using SeqServe.Core.Data;

namespace SeqServe.Core.Sequence.Shared;

/// <summary>The vega-datasets package the CO2 and Seattle weather series are read from.</summary>
public static class VegaDatasets
{
    public static readonly NpmPackage Package =
        new("vega-datasets", "3.2.1", "6f72fda460a9863fae5fcb32f85bcd49e1761fdea6dc6cf9f4962472881cc5a3");
}
