using TorchSharp;
using static TorchSharp.torch;

namespace SeqServe.Core.Modeling;

/// <summary>
/// How a checkpoint stores its weights (<c>training.weightsPrecision</c>): <c>float32</c>, or <c>float16</c> for half
/// the file. The networks always compute in float32: a float16 run rounds its kept weights to float16 values at the end
/// of training, before its held-out figures are measured, so the figures in the manifest are those of the weights the
/// file holds. The file is TorchSharp's own weights format either way, each tensor carrying its element type; the
/// loader reads float16 tensors into float32 parameters.
/// </summary>
public static class WeightPrecision
{
    public const string Float32 = "float32";
    public const string Float16 = "float16";
    public static readonly string[] Names = [Float32, Float16];

    /// <summary>Rounds every floating-point parameter and buffer of <paramref name="module"/> to <paramref name="precision"/>'s values, in place.</summary>
    public static void Round(nn.Module module, string precision)
    {
        if (precision == Float32) return;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        foreach (var (_, t) in module.state_dict())
            if (t.dtype == ScalarType.Float32)
                t.copy_(t.to(ScalarType.Float16));
    }

    /// <summary>Writes <paramref name="module"/>'s state to <paramref name="path"/>, floating-point tensors in <paramref name="precision"/>.</summary>
    public static void Save(nn.Module module, string path, string precision)
    {
        if (precision == Float32)
        {
            module.save(path);
            return;
        }
        using var scope = NewDisposeScope();
        var state = module.state_dict();
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        WriteLeb128(writer, state.Count);
        foreach (var (key, t) in state)
        {
            writer.Write(key);
            (t.dtype == ScalarType.Float32 ? t.to(ScalarType.Float16) : t).Save(writer);
        }
    }

    /// <summary>
    /// Reads the weights at <paramref name="path"/> into <paramref name="module"/>, strictly: every key the module has and
    /// no other, each of its shape; a float16 tensor goes into a float32 parameter, any other type must match.
    /// </summary>
    public static void Load(nn.Module module, string path)
    {
        using var scope = NewDisposeScope();
        var state = module.state_dict();
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        var count = ReadLeb128(reader);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var _ = no_grad();
        for (long i = 0; i < count; i++)
        {
            var key = reader.ReadString();
            var stored = Tensor.Load(reader);
            if (!state.TryGetValue(key, out var target))
                throw new ArgumentException($"the file has '{key}', which the network does not");
            if (!stored.shape.SequenceEqual(target.shape))
                throw new ArgumentException($"'{key}' is [{string.Join(", ", stored.shape)}] in the file, [{string.Join(", ", target.shape)}] in the network");
            if (stored.dtype != target.dtype && !(stored.dtype == ScalarType.Float16 && target.dtype == ScalarType.Float32))
                throw new ArgumentException($"'{key}' is {stored.dtype} in the file, {target.dtype} in the network");
            target.copy_(stored);
            seen.Add(key);
        }
        if (state.Keys.FirstOrDefault(k => !seen.Contains(k)) is { } missing)
            throw new ArgumentException($"the file has no '{missing}'");
    }

    // The length prefix of TorchSharp's weights format (unsigned LEB128).
    private static void WriteLeb128(BinaryWriter writer, long value)
    {
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            writer.Write(value == 0 ? b : (byte)(b | 0x80));
        } while (value != 0);
    }

    private static long ReadLeb128(BinaryReader reader)
    {
        long value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = reader.ReadByte();
            value |= (long)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException("not a weights file: bad entry count");
    }
}
