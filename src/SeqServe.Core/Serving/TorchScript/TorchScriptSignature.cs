using System.Text.Json.Nodes;
using System.Text.Json;
using SeqServe.Core.Checkpoints;

namespace SeqServe.Core.Serving.TorchScript;

/// <summary>
/// What a TorchScript file takes and answers, given with it: its inputs in the order of its <c>forward</c>
/// arguments (name, datatype, shape with -1 for a dimension of any size), optionally its outputs' names
/// (and datatypes and shapes, checked when it loads), and optional post-processing of its first output.
/// </summary>
public sealed record TorchScriptSignature
{
    public const int MaxTensors = 16;
    public const int MaxRank = 8;
    public const int MaxLabels = 10_000;

    public IReadOnlyList<TensorSpec> Inputs { get; init; } = [];
    public IReadOnlyList<OutputSpec>? Outputs { get; init; }
    public PostProcessing? Postprocess { get; init; }

    /// <summary>Every input's first dimension is -1: requests may share a forward pass, concatenated on it.</summary>
    public bool BatchFirst => Inputs.All(i => i.Shape.Length > 0 && i.Shape[0] == TensorSpec.Variable);

    /// <summary>"field → message" for everything wrong with it (fields as JSON paths under "signature").</summary>
    public Dictionary<string, string[]> Problems()
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[$"signature.{field}"] = [message];
        if (Inputs is not { Count: > 0 } || Inputs.Count > MaxTensors) Add("inputs", $"must list 1 to {MaxTensors} inputs.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (Inputs?.Count ?? 0); i++)
        {
            var input = Inputs![i];
            if (input is null) { Add($"inputs[{i}]", "must be an object."); continue; }
            if (NameProblem(input.Name) is { } bad) Add($"inputs[{i}].name", bad);
            else if (!names.Add(input.Name)) Add($"inputs[{i}].name", $"'{input.Name}' is given twice.");
            if (!TensorDatatypes.TorchScriptInputs.Contains(input.Datatype))
                Add($"inputs[{i}].datatype", $"must be one of {string.Join(", ", TensorDatatypes.TorchScriptInputs)}.");
            if (ShapeProblem(input.Shape) is { } shape) Add($"inputs[{i}].shape", shape);
        }
        names.Clear();
        for (var i = 0; i < (Outputs?.Count ?? 0); i++)
        {
            var output = Outputs![i];
            if (output is null) { Add($"outputs[{i}]", "must be an object."); continue; }
            if (NameProblem(output.Name) is { } bad) Add($"outputs[{i}].name", bad);
            else if (!names.Add(output.Name) || output.Name is ProbabilitiesOutput or LabelOutput)
                Add($"outputs[{i}].name", $"'{output.Name}' is given twice or is reserved for post-processing.");
            if (output.Datatype is not null && output.Datatype is not (TensorDatatypes.Fp32 or TensorDatatypes.Fp64 or TensorDatatypes.Int32 or TensorDatatypes.Int64 or TensorDatatypes.Bool))
                Add($"outputs[{i}].datatype", "must be FP32, FP64, INT32, INT64 or BOOL when given.");
            if (output.Shape is not null && ShapeProblem(output.Shape) is { } shape) Add($"outputs[{i}].shape", shape);
        }
        if (Outputs is { Count: > MaxTensors }) Add("outputs", $"must list at most {MaxTensors} outputs.");
        if (Postprocess?.Labels is { } labels && (labels.Count is 0 or > MaxLabels || labels.Any(l => string.IsNullOrEmpty(l) || l.Length > 100)))
            Add("postprocess.labels", $"must hold 1 to {MaxLabels} non-empty labels of at most 100 characters.");
        return errors;
    }

    /// <summary>Added by <see cref="PostProcessing.Softmax"/>: softmax of the first output over its last dimension.</summary>
    public const string ProbabilitiesOutput = "probabilities";
    /// <summary>Added by <see cref="PostProcessing.Labels"/>: the label of the largest value of the first output's last dimension.</summary>
    public const string LabelOutput = "label";

    private static string? NameProblem(string? name) =>
        string.IsNullOrEmpty(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? "must be 1 to 64 characters of letters, digits, '_', '-' or '.'." : null;

    private static string? ShapeProblem(long[]? shape) =>
        shape is null || shape.Length is 0 or > MaxRank || shape.Any(d => d != TensorSpec.Variable && d < 1)
            ? $"must hold 1 to {MaxRank} dimensions, each -1 (any size) or a size of at least 1." : null;

    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, CheckpointManifest.Json)!.AsObject();

    public static TorchScriptSignature FromJson(JsonNode? node) =>
        node.Deserialize<TorchScriptSignature>(CheckpointManifest.Json) ?? throw new CheckpointException("the manifest has no signature");
}

/// <summary>An output's name; its datatype and shape are optional (checked against the model's answer when it loads).</summary>
public sealed record OutputSpec(string Name, string? Datatype = null, long[]? Shape = null);

/// <summary>Applied to the first output: <c>softmax</c> adds "probabilities", <c>labels</c> adds "label" (one per row).</summary>
public sealed record PostProcessing(bool Softmax = false, IReadOnlyList<string>? Labels = null);
