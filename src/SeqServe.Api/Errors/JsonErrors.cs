using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace SeqServe.Api.Errors;

/// <summary>
/// What System.Text.Json and minimal-API binding say about a body, said in the body's own words: the JSON
/// field and what it must hold, never a .NET type name. An unknown field names the nearest known field of
/// the object it sits in ("unknown field `text`; did you mean `texts`?"); a value of the wrong type names
/// the element ("history[2]", "texts[0]") and what it must be.
/// </summary>
public static partial class JsonErrors
{
    /// <summary>The message for the JSON field that <paramref name="exception"/> is about.</summary>
    public static string Message(JsonException exception, JsonSerializerOptions options)
    {
        var message = exception.Message;
        if (Unmapped().Match(message) is { Success: true } unmapped)
            return UnknownField(unmapped.Groups["name"].Value, FindType(unmapped.Groups["type"].Value), options);
        if (NotConverted().Match(message) is { Success: true } converted)
            return $"{Expected(FindType(converted.Groups["type"].Value), converted.Groups["type"].Value)}.";
        if (MissingRequired().Match(message) is { Success: true } missing)
            return $"is missing the required field(s) {string.Join(", ", missing.Groups["names"].Value.Split(',').Select(n => $"`{n.Trim().Trim('\'')}`"))}.";
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var plain = cut > 0 ? message[..cut] : message;
        return MentionsDotNet(plain) ? "has the wrong type or shape for this field (see the schema in Swagger UI)." : plain;
    }

    /// <summary>"unknown field `x`; did you mean `y`?" (edit distance against the object's JSON property names), else the known fields.</summary>
    public static string UnknownField(string name, Type? type, JsonSerializerOptions options)
    {
        var known = type is null ? [] : KnownFields(type, options);
        var nearest = known.Select(k => (Name: k, Distance: Distance(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .OrderBy(k => k.Distance).FirstOrDefault();
        if (nearest.Name is not null && nearest.Distance <= Math.Max(2, name.Length / 3))
            return $"unknown field `{name}`; did you mean `{nearest.Name}`?";
        return known.Count > 0
            ? $"unknown field `{name}`; the fields here are {string.Join(", ", known.Select(k => $"`{k}`"))}."
            : $"unknown field `{name}`.";
    }

    /// <summary>The JSON property names of <paramref name="type"/> as the serializer reads them.</summary>
    public static IReadOnlyList<string> KnownFields(Type type, JsonSerializerOptions options)
    {
        try
        {
            var info = options.GetTypeInfo(type);
            return info.Kind == JsonTypeInfoKind.Object ? [.. info.Properties.Select(p => p.Name)] : [];
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException) { return []; }
    }

    /// <summary>Levenshtein distance (insertions, deletions and substitutions cost 1).</summary>
    public static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>"must be a number", "must be an array of strings", … for the .NET type a JSON value should have become.</summary>
    private static string Expected(Type? type, string typeName) =>
        type is null ? "has the wrong type for this field (see the schema in Swagger UI)" : $"must be {Noun(type, plural: false)}";

    /// <summary>What a JSON value of <paramref name="type"/> is, as a client names it: "a whole number", "arrays of strings".</summary>
    public static string Noun(Type type, bool plural)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        string One(string singular, string many) => plural ? many : singular;
        if (type == typeof(string)) return One("a string", "strings");
        if (type == typeof(bool)) return One("true or false", "booleans");
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong))
            return One("a whole number", "whole numbers");
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return One("a number", "numbers");
        if (type.IsEnum) return $"{One("one of", "each one of")} {string.Join(", ", Enum.GetNames(type).Select(n => $"\"{char.ToLowerInvariant(n[0])}{n[1..]}\""))}";
        if (type.IsArray || (type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)))
            return $"{One("an array", "arrays")} of {Noun(type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0], plural: true)}";
        return One("a JSON object", "JSON objects");
    }

    /// <summary>A type named by a serializer message, looked up in the loaded assemblies ("System.Int32", "SeqServe.Api.Predict.SentimentRequest").</summary>
    private static Type? FindType(string name)
    {
        var nullable = NullableOf().Match(name);
        if (nullable.Success) return FindType(nullable.Groups["inner"].Value) is { IsValueType: true } inner ? typeof(Nullable<>).MakeGenericType(inner) : null;
        if (name.EndsWith("[]", StringComparison.Ordinal)) return FindType(name[..^2])?.MakeArrayType();
        return Type.GetType(name) ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name)).FirstOrDefault(t => t is not null);
    }

    private static bool MentionsDotNet(string message) =>
        message.Contains("System.", StringComparison.Ordinal) || message.Contains("SeqServe.", StringComparison.Ordinal) ||
        message.Contains(".NET", StringComparison.Ordinal);

    [GeneratedRegex(@"The JSON property '(?<name>.*)' could not be mapped to any \.NET member contained in type '(?<type>[^']+)'")]
    private static partial Regex Unmapped();

    [GeneratedRegex(@"could not be converted to (?<type>.+?)\.(?: Path:|$)")]
    private static partial Regex NotConverted();

    [GeneratedRegex(@"was missing required properties,? including:? (?<names>.+?)\.?(?: Path:|$)")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>.+)\]$")]
    private static partial Regex NullableOf();
}
