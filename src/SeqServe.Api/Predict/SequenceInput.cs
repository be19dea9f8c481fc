using System.Text.Json;
using SeqServe.Api.Hosting;

namespace SeqServe.Api.Predict;

/// <summary>Reads and checks numeric sequence input against the serving limits; errors name the field and the limit.</summary>
public static class SequenceInput
{
    public static (float[][][]? Sequences, string? Error) ParseBatch(JsonElement inputs, ServingOptions limits)
    {
        if (inputs.ValueKind != JsonValueKind.Array) return (null, "must be an array of sequences.");
        var count = inputs.GetArrayLength();
        if (count == 0) return (null, "must hold at least one sequence.");
        if (count > limits.MaxBatch) return (null, $"holds {count} sequences; the limit is {limits.MaxBatch} (Serving:MaxBatch).");
        var result = new float[count][][];
        int? steps = null, features = null;
        var i = 0;
        foreach (var sequence in inputs.EnumerateArray())
        {
            if (sequence.ValueKind != JsonValueKind.Array) return (null, $"[{i}] must be an array of steps.");
            var n = sequence.GetArrayLength();
            if (n == 0) return (null, $"[{i}] is empty; every sequence needs at least one step.");
            if (n > limits.MaxSteps) return (null, $"[{i}] has {n} steps; the limit is {limits.MaxSteps} (Serving:MaxSteps).");
            if (steps is { } s && s != n) return (null, $"[{i}] has {n} steps but [0] has {s}; sequences in one request must be equally long (ragged input).");
            steps = n;
            result[i] = new float[n][];
            var j = 0;
            foreach (var step in sequence.EnumerateArray())
            {
                float[] vector;
                if (step.ValueKind == JsonValueKind.Number) vector = [0f];
                else if (step.ValueKind == JsonValueKind.Array) vector = new float[step.GetArrayLength()];
                else return (null, $"[{i}][{j}] must be a number or an array of numbers.");
                if (vector.Length == 0) return (null, $"[{i}][{j}] is an empty feature vector.");
                if (vector.Length > limits.MaxFeatures) return (null, $"[{i}][{j}] has {vector.Length} features; the limit is {limits.MaxFeatures}.");
                if (features is { } f && f != vector.Length) return (null, $"[{i}][{j}] has {vector.Length} features but earlier steps have {f}.");
                features = vector.Length;
                var values = step.ValueKind == JsonValueKind.Number ? [step] : step.EnumerateArray().ToArray();
                for (var k = 0; k < values.Length; k++)
                {
                    if (values[k].ValueKind != JsonValueKind.Number)
                        return (null, $"[{i}][{j}]{(step.ValueKind == JsonValueKind.Array ? $"[{k}]" : "")} must be a number.");
                    if (!TryFinite(values[k].GetDouble(), out vector[k]))
                        return (null, $"[{i}][{j}] holds a value that is not a finite number within ±3.4e38.");
                }
                result[i][j++] = vector;
            }
            i++;
        }
        return (result, null);
    }

    public static bool TryFinite(double value, out float result)
    {
        result = (float)value;
        return double.IsFinite(value) && float.IsFinite(result);
    }
}
