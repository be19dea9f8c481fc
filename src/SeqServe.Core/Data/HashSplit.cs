using System.Security.Cryptography;
using System.Text;

namespace SeqServe.Core.Data;

/// <summary>
/// Splits fixed by the data alone: an example's part (train, validation, test) is decided by the bytes of
/// SHA-256 over its UTF-8 key, so anyone can reproduce the split from the docs, with no seed and no
/// dependence on order. Each dataset's <c>SplitRule</c> says which bytes and thresholds it uses.
/// </summary>
public static class HashSplit
{
    public static byte[] Of(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Orders hashes byte by byte: a fixed shuffle of the examples.</summary>
    public static IComparer<byte[]> Order { get; } = Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y));
}
