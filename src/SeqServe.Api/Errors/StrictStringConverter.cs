using System.Text.Json;
using System.Text.Json.Serialization;
using SeqServe.Core.Text;

namespace SeqServe.Api.Errors;

/// <summary>
/// Every string in every request body is checked as it is read (<see cref="TextChecks.Problem"/>): an
/// unpaired surrogate or a control character is a 400 naming the JSON path, before any handler or
/// model sees it.
/// </summary>
public sealed class StrictStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"The JSON value could not be converted to {typeof(string)}.");
        string text;
        try { text = reader.GetString()!; }
        catch (InvalidOperationException e) { throw new JsonException($"is not valid UTF-16 text ({e.Message.TrimEnd('.')}); send valid Unicode text."); }
        return TextChecks.Problem(text) is { } problem ? throw new JsonException(problem) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
