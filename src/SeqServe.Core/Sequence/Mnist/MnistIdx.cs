using System.Buffers.Binary;

namespace SeqServe.Core.Sequence.Mnist;

/// <summary>Parses the IDX files MNIST ships in (big-endian header: magic, dimension sizes; then unsigned bytes).</summary>
public static class MnistIdx
{
    private const int ImagesMagic = 0x00000803, LabelsMagic = 0x00000801;

    /// <summary>Returns (count, rows, columns, pixels) with pixels laid out image after image, row after row.</summary>
    public static (int Count, int Rows, int Columns, byte[] Pixels) ReadImages(byte[] idx)
    {
        Require(idx.Length >= 16 && BinaryPrimitives.ReadInt32BigEndian(idx) == ImagesMagic, "an IDX image file");
        var count = BinaryPrimitives.ReadInt32BigEndian(idx.AsSpan(4));
        var rows = BinaryPrimitives.ReadInt32BigEndian(idx.AsSpan(8));
        var columns = BinaryPrimitives.ReadInt32BigEndian(idx.AsSpan(12));
        Require(idx.Length == 16L + (long)count * rows * columns, $"{count} images of {rows}×{columns}");
        return (count, rows, columns, idx[16..]);
    }

    public static byte[] ReadLabels(byte[] idx)
    {
        Require(idx.Length >= 8 && BinaryPrimitives.ReadInt32BigEndian(idx) == LabelsMagic, "an IDX label file");
        var count = BinaryPrimitives.ReadInt32BigEndian(idx.AsSpan(4));
        Require(idx.Length == 8 + count, $"{count} labels");
        return idx[8..];
    }

    private static void Require(bool ok, string what)
    {
        if (!ok) throw new Data.DatasetUnavailableException($"MNIST file is not {what} as its header says.");
    }
}
