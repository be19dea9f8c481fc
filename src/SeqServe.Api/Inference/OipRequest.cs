using System.Text.Json;

namespace SeqServe.Api.Inference;

/// <summary>One $request_input as sent: its data is read once the model's input it names is known.</summary>
public sealed record OipInput(string Name, long[] Shape, string Datatype, JsonElement Data);

/// <summary>$inference_request: the optional id, the inputs, and the names of the outputs asked for (null: all).</summary>
public sealed record OipRequest(string? Id, IReadOnlyList<OipInput> Inputs, IReadOnlyList<string>? Outputs)
{
    private static readonly string[] RequestFields = ["id", "parameters", "inputs", "outputs"];
    private static readonly string[] InputFields = ["name", "shape", "datatype", "parameters", "data"];
    private static readonly string[] OutputFields = ["name", "parameters"];

    /// <summary>Reads the body; anything that is not an inference request is an <see cref="OipException"/> (400).</summary>
    public static async Task<OipRequest> ReadAsync(HttpRequest http, CancellationToken cancel)
    {
        JsonDocument document;
        try { document = await JsonDocument.ParseAsync(http.Body, default, cancel); }
        catch (JsonException e) { throw new OipException($"the body is not valid JSON: {e.Message}"); }
        using (document) return Parse(document.RootElement);
    }

    public static OipRequest Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new OipException("the body must be an inference request object: {\"inputs\": [...]}.");
        Known(root, RequestFields, "an inference request");
        string? id = null;
        if (root.TryGetProperty("id", out var idElement))
            id = idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : throw new OipException("'id' must be a string.");
        if (root.TryGetProperty("parameters", out var parameters)) Parameters(parameters, "parameters");
        if (!root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array || inputs.GetArrayLength() == 0)
            throw new OipException("'inputs' is required: an array of at least one input {name, shape, datatype, data}.");
        var read = inputs.EnumerateArray().Select((input, i) => Input(input, i)).ToList();
        List<string>? outputs = null;
        if (root.TryGetProperty("outputs", out var requested))
        {
            if (requested.ValueKind != JsonValueKind.Array) throw new OipException("'outputs' must be an array of {name}.");
            outputs = [.. requested.EnumerateArray().Select((o, i) => Output(o, i))];
        }
        return new OipRequest(id, read, outputs);
    }

    private static OipInput Input(JsonElement input, int i)
    {
        var at = $"inputs[{i}]";
        if (input.ValueKind != JsonValueKind.Object) throw new OipException($"{at} must be an object {{name, shape, datatype, data}}.");
        Known(input, InputFields, at);
        var name = String(input, "name", at);
        at = $"input '{name}'";
        var datatype = String(input, "datatype", at);
        if (!input.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array)
            throw new OipException($"{at}: 'shape' is required: an array of dimensions.");
        var dims = shape.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number && d.TryGetInt64(out var v) && v >= 0
            ? v : throw new OipException($"{at}: every dimension of 'shape' must be a non-negative integer.")).ToArray();
        if (input.TryGetProperty("parameters", out var parameters)) Parameters(parameters, $"{at} parameters");
        if (!input.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            throw new OipException($"{at}: 'data' is required: the tensor's elements in row-major order (flat or nested arrays).");
        return new OipInput(name, dims, datatype, data.Clone());
    }

    private static string Output(JsonElement output, int i)
    {
        var at = $"outputs[{i}]";
        if (output.ValueKind != JsonValueKind.Object) throw new OipException($"{at} must be an object {{name}}.");
        Known(output, OutputFields, at);
        if (output.TryGetProperty("parameters", out var parameters)) Parameters(parameters, $"{at} parameters");
        return String(output, "name", at);
    }

    private static string String(JsonElement element, string field, string at) =>
        element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text : throw new OipException($"{at}: '{field}' is required and must be a non-empty string.");

    /// <summary>$parameters: an object of string, number or boolean values (none changes what SeqServe computes).</summary>
    private static void Parameters(JsonElement parameters, string at)
    {
        if (parameters.ValueKind != JsonValueKind.Object
            || parameters.EnumerateObject().Any(p => p.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)))
            throw new OipException($"{at} must be an object whose values are strings, numbers or booleans.");
    }

    private static void Known(JsonElement element, string[] fields, string what)
    {
        foreach (var property in element.EnumerateObject())
            if (!fields.Contains(property.Name))
                throw new OipException($"{SeqServe.Core.Text.TextChecks.Quote(property.Name)} is not a field of {what}; it has: {string.Join(", ", fields)}.");
    }
}

/// <summary>A request the protocol's error object answers: <c>{"error": message}</c> with <see cref="Status"/> (400 unless said).</summary>
public sealed class OipException(string message, int status = StatusCodes.Status400BadRequest) : Exception(message)
{
    public int Status { get; } = status;
}
