using System.Text.Json;
using System.Text.Json.Serialization;

namespace SeqServe.Api.Predict;

/// <summary>
/// Numbers in one of two shapes, kept as read so that <see cref="SequenceInput"/> can say exactly which
/// element is wrong (ragged, not finite, wrong shape) and which limit it passes. Its OpenAPI schema is
/// the two shapes (<see cref="OpenApi.NumericSchemas"/>), never an untyped <c>{}</c>.
/// </summary>
public interface INumericJson<TSelf> where TSelf : struct, INumericJson<TSelf>
{
    JsonElement Json { get; }
    static abstract TSelf From(JsonElement json);
}

/// <summary>A batch of sequences: of scalars <c>[[x, …], …]</c> or of feature vectors <c>[[[f1, f2], …], …]</c>.</summary>
[JsonConverter(typeof(NumericJsonConverter<SequenceBatch>))]
public readonly record struct SequenceBatch(JsonElement Json) : INumericJson<SequenceBatch>
{
    public static SequenceBatch From(JsonElement json) => new(json);
}

/// <summary>One series: values <c>[x, …]</c>, or rows of features <c>[[f1, f2, …], …]</c>, oldest first.</summary>
[JsonConverter(typeof(NumericJsonConverter<Series>))]
public readonly record struct Series(JsonElement Json) : INumericJson<Series>
{
    public static Series From(JsonElement json) => new(json);
}

/// <summary>Reads the JSON value as it is; the shape is checked by the handler with messages that name the element.</summary>
public sealed class NumericJsonConverter<T> : JsonConverter<T> where T : struct, INumericJson<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        T.From(JsonElement.ParseValue(ref reader));

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => value.Json.WriteTo(writer);
}
