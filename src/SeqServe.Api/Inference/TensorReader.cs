using System.Text.Json;
using SeqServe.Api.Predict;
using SeqServe.Core.Serving.TorchScript;
using SeqServe.Core.Text;

namespace SeqServe.Api.Inference;

/// <summary>
/// Turns the request's inputs into the model's tensors: every input the model declares, none it does not,
/// each of its datatype and of a shape its declaration allows, with exactly as many elements as the shape
/// says (given flat or nested, row-major). Anything else is an <see cref="OipException"/> (400).
/// </summary>
public static class TensorReader
{
    public static NamedTensor[] Bind(OipRequest request, IReadOnlyList<TensorSpec> specs)
    {
        var byName = new Dictionary<string, OipInput>(StringComparer.Ordinal);
        foreach (var input in request.Inputs)
        {
            if (!specs.Any(s => s.Name == input.Name))
                throw new OipException($"unknown input {Quote(input.Name)}; this model takes: {Names(specs)}.");
            if (!byName.TryAdd(input.Name, input)) throw new OipException($"input '{input.Name}' is given twice.");
        }
        return [.. specs.Select(spec => byName.TryGetValue(spec.Name, out var input)
            ? Read(input, spec)
            : throw new OipException($"input '{spec.Name}' is missing; this model takes: {Names(specs)}."))];
    }

    public static NamedTensor Read(OipInput input, TensorSpec spec)
    {
        if (input.Datatype != spec.Datatype)
            throw new OipException($"input '{spec.Name}' has datatype {Quote(input.Datatype)}; this model takes {spec.Datatype}.");
        if (spec.Mismatch(input.Shape) is { } bad) throw new OipException(bad);
        var count = NamedTensor.Count(input.Shape);
        var elements = new List<JsonElement>();
        Flatten(input.Data, elements, count, spec.Name);
        if (elements.Count != count)
            throw new OipException($"input '{spec.Name}' holds {elements.Count} elements; its shape [{string.Join(", ", input.Shape)}] needs {count}.");
        Array data = spec.Datatype switch
        {
            TensorDatatypes.Fp32 => elements.Select((e, i) => e.ValueKind == JsonValueKind.Number && SequenceInput.TryFinite(e.GetDouble(), out var f)
                ? f : throw Element(spec, i, "a finite number within ±3.4e38")).ToArray(),
            TensorDatatypes.Fp64 => elements.Select((e, i) => e.ValueKind == JsonValueKind.Number && double.IsFinite(e.GetDouble())
                ? e.GetDouble() : throw Element(spec, i, "a finite number")).ToArray(),
            TensorDatatypes.Int32 => elements.Select((e, i) => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v)
                ? v : throw Element(spec, i, "a 32-bit integer")).ToArray(),
            TensorDatatypes.Int64 => elements.Select((e, i) => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v)
                ? v : throw Element(spec, i, "a 64-bit integer")).ToArray(),
            TensorDatatypes.Bool => elements.Select((e, i) => e.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? e.GetBoolean() : throw Element(spec, i, "true or false")).ToArray(),
            TensorDatatypes.Bytes => elements.Select((e, i) => Text(e, spec, i)).ToArray(),
            _ => throw new OipException($"input '{spec.Name}': datatype {spec.Datatype} is not read here."),
        };
        return new NamedTensor(spec.Name, spec.Datatype, input.Shape, data);
    }

    private static void Flatten(JsonElement data, List<JsonElement> into, long limit, string name)
    {
        foreach (var element in data.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Array) Flatten(element, into, limit, name);
            else into.Add(element);
            if (into.Count > limit) return; // more than the shape allows: counted as too many, not read on
        }
    }

    private static string Text(JsonElement element, TensorSpec spec, int i)
    {
        if (element.ValueKind != JsonValueKind.String) throw Element(spec, i, "a string");
        string text;
        try { text = element.GetString()!; }
        catch (InvalidOperationException) { throw Element(spec, i, "valid Unicode text (it holds an unpaired surrogate)"); }
        if (TextChecks.Problem(text) is { } bad) throw new OipException($"input '{spec.Name}' data[{i}]: {bad}");
        return text;
    }

    private static OipException Element(TensorSpec spec, int i, string what) =>
        new($"input '{spec.Name}' data[{i}] must be {what} ({spec.Datatype}).");

    private static string Names(IReadOnlyList<TensorSpec> specs) =>
        string.Join(", ", specs.Select(s => $"{s.Name} ({s.Datatype} [{string.Join(", ", s.Shape)}])"));

    private static string Quote(string text) => TextChecks.Quote(text);
}
