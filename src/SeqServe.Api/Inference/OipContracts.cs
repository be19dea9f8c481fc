using System.Text.Json.Serialization;

namespace SeqServe.Api.Inference;

// The Open Inference Protocol's REST objects, with its field names (kserve/open-inference-protocol,
// specification/protocol/inference_rest.md).

/// <summary>$metadata_server_response.</summary>
public sealed record OipServerMetadata(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("extensions")] IReadOnlyList<string> Extensions);

/// <summary>$live_server_response and $ready_server_response (the specification names the ready field "live"; "ready" is sent too).</summary>
public sealed record OipServerHealth(
    [property: JsonPropertyName("live")] bool Live,
    [property: JsonPropertyName("ready"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Ready = null);

/// <summary>$ready_model_response.</summary>
public sealed record OipModelReady(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ready")] bool Ready);

/// <summary>$metadata_tensor: -1 marks a dimension of any size.</summary>
public sealed record OipTensorMetadata(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("shape")] long[] Shape);

/// <summary>$metadata_model_response.</summary>
public sealed record OipModelMetadata(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("versions")] IReadOnlyList<string> Versions,
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("inputs")] IReadOnlyList<OipTensorMetadata> Inputs,
    [property: JsonPropertyName("outputs")] IReadOnlyList<OipTensorMetadata> Outputs);

/// <summary>$response_output: data in row-major order, flattened.</summary>
public sealed record OipOutput(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("shape")] long[] Shape,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("data")] object Data);

/// <summary>$inference_response.</summary>
public sealed record OipInferenceResponse(
    [property: JsonPropertyName("model_name")] string ModelName,
    [property: JsonPropertyName("model_version")] string ModelVersion,
    [property: JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id,
    [property: JsonPropertyName("outputs")] IReadOnlyList<OipOutput> Outputs);

/// <summary>$inference_error_response (and every other error object of the protocol).</summary>
public sealed record OipError([property: JsonPropertyName("error")] string Error);
