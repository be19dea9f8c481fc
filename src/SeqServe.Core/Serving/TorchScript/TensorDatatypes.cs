using TorchSharp;

namespace SeqServe.Core.Serving.TorchScript;

/// <summary>The Open Inference Protocol's tensor datatype names SeqServe reads and writes, and their torch types.</summary>
public static class TensorDatatypes
{
    public const string Fp32 = "FP32";
    public const string Fp64 = "FP64";
    public const string Int32 = "INT32";
    public const string Int64 = "INT64";
    public const string Bool = "BOOL";
    public const string Bytes = "BYTES";

    /// <summary>What a TorchScript model may take as an input.</summary>
    public static readonly IReadOnlyList<string> TorchScriptInputs = [Fp32, Fp64, Int32, Int64, Bool];

    public static torch.ScalarType ScalarType(string datatype) => datatype switch
    {
        Fp32 => torch.ScalarType.Float32,
        Fp64 => torch.ScalarType.Float64,
        Int32 => torch.ScalarType.Int32,
        Int64 => torch.ScalarType.Int64,
        Bool => torch.ScalarType.Bool,
        _ => throw new ArgumentException($"{datatype} has no torch type here"),
    };

    /// <summary>The datatype a model output of <paramref name="type"/> is answered as (other float types as FP32).</summary>
    public static string Of(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float64 => Fp64,
        torch.ScalarType.Int32 => Int32,
        torch.ScalarType.Int64 or torch.ScalarType.Int16 or torch.ScalarType.Int8 or torch.ScalarType.Byte => Int64,
        torch.ScalarType.Bool => Bool,
        _ => Fp32,
    };
}
