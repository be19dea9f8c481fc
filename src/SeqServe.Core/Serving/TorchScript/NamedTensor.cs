namespace SeqServe.Core.Serving.TorchScript;

/// <summary>
/// A tensor as the Open Inference Protocol carries it: a name, a datatype ("FP32", "BYTES", …), a shape and
/// its elements in row-major order (float[], double[], int[], long[], bool[] or string[]).
/// </summary>
public sealed record NamedTensor(string Name, string Datatype, long[] Shape, Array Data)
{
    /// <summary>Elements a tensor of <paramref name="shape"/> holds.</summary>
    public static long Count(IEnumerable<long> shape) => shape.Aggregate(1L, (a, d) => a * d);
}

/// <summary>An input or output as a model declares it: -1 marks a dimension of any size.</summary>
public sealed record TensorSpec(string Name, string Datatype, long[] Shape)
{
    public const long Variable = -1;

    /// <summary>Null when a tensor of <paramref name="shape"/> fits this spec, else what is wrong.</summary>
    public string? Mismatch(long[] shape)
    {
        if (shape.Length != Shape.Length || shape.Where((d, i) => Shape[i] != Variable && Shape[i] != d).Any())
            return $"input '{Name}' has shape [{string.Join(", ", shape)}]; this model takes [{string.Join(", ", Shape)}] (-1: any size of at least 1).";
        return shape.Any(d => d < 1) ? $"input '{Name}' has shape [{string.Join(", ", shape)}]; every dimension must be at least 1." : null;
    }
}
