using System.Net;
using System.Text.Json.Nodes;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.OpenApi;

/// <summary>
/// The OpenAPI document describes every request and response for real: each request body is a schema
/// with its required fields and bounds (no untyped <c>{}</c>, no leaked JsonNode/JsonElement), and each
/// route lists the errors it can give as problem details.
/// </summary>
public class OpenApiDocumentTests
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch", "head"];
    private static readonly string[] Bounds = ["minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "pattern", "enum"];

    [Fact]
    public async Task Every_operation_has_typed_bounded_requests_and_documents_its_error_responses()
    {
        var document = await Document();
        var failures = new List<string>();
        var components = document["components"]?["schemas"]?.AsObject() ?? [];
        foreach (var (name, _) in components)
            if (name.Contains("JsonNode", StringComparison.Ordinal) || name.Contains("JsonElement", StringComparison.Ordinal))
                failures.Add($"component schema {name} leaks a JSON DOM type");

        var operations = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        foreach (var method in Methods)
        {
            if (item![method] is not JsonObject operation) continue;
            operations++;
            var where = $"{method.ToUpperInvariant()} {path}";
            failures.AddRange(RequestProblems(document, operation).Select(p => $"{where}: {p}"));
            failures.AddRange(ResponseProblems(path, operation).Select(p => $"{where}: {p}"));
        }
        Assert.True(operations >= 20, $"only {operations} operations in the document");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_numeric_and_text_inputs_have_real_schemas_with_the_configured_limits()
    {
        var document = await Document();
        var predict = Body(document, "/v1/sequence/{model}/predict");
        Assert.Contains("inputs", Required(predict));
        var inputs = predict["properties"]!["inputs"]!;
        Assert.Equal("array", inputs["type"]!.GetValue<string>());
        Assert.Equal(64, inputs["maxItems"]!.GetValue<int>());                              // Serving:MaxBatch
        Assert.Equal(2, inputs["items"]!["items"]!["oneOf"]!.AsArray().Count);             // a step: a number or a feature vector

        var forecast = Body(document, "/v1/sequence/{model}/forecast");
        Assert.Equal(["history", "horizon"], Required(forecast).Order());
        Assert.Equal(2000, forecast["properties"]!["history"]!["maxItems"]!.GetValue<int>()); // Serving:MaxSteps
        Assert.Equal("240", forecast["properties"]!["horizon"]!["maximum"]!.ToString());    // Serving:MaxHorizon

        var pos = Body(document, "/v1/pos");
        Assert.Equal("string", pos["properties"]!["sentences"]!["items"]!["type"]!.GetValue<string>());
        Assert.Equal("string", pos["properties"]!["tokens"]!["items"]!["items"]!["type"]!.GetValue<string>());

        var generate = Body(document, "/v1/sequence/{model}/generate");
        Assert.Equal("2000", generate["properties"]!["length"]!["maximum"]!.ToString());     // CharGenerator.MaxLength

        var job = Body(document, "/v1/jobs");
        Assert.Contains("dataset", Required(job));
        var hidden = Resolve(document, Resolve(document, job["properties"]!["architecture"]!)["properties"]!["hidden"]!);
        Assert.Equal("1024", hidden["maximum"]!.ToString());                                  // SpecBounds.MaxHidden
    }

    private static async Task<JsonObject> Document()
    {
        using var root = new TempDir();
        await using var app = new SeqServeFactory(root.Path, worker: false);
        var (status, document) = await app.CreateClient().Get("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, status);
        return document!.AsObject();
    }

    private static IEnumerable<string> RequestProblems(JsonObject document, JsonObject operation)
    {
        if (operation["requestBody"]?["content"] is not JsonObject content) yield break;
        foreach (var (mediaType, media) in content)
        {
            if (mediaType != "application/json") continue;
            if (media!["schema"] is not { } reference)
            {
                yield return "a JSON request body without a schema";
                continue;
            }
            var schema = Resolve(document, reference);
            if (Required(schema).Count == 0 && schema["oneOf"] is null)
                yield return "the request body schema marks no field required";
            var bounded = false;
            foreach (var (field, property) in schema["properties"]?.AsObject() ?? [])
            {
                var resolved = Resolve(document, property!);
                if (IsUntyped(resolved)) yield return $"request field '{field}' has an untyped {{}} schema";
                if (Bounds.Any(b => resolved[b] is not null) || resolved["items"] is not null && Bounds.Any(b => resolved["items"]![b] is not null))
                    bounded = true;
            }
            if (!bounded) yield return "no field of the request body has a bound";
            foreach (var untyped in Untyped(document, schema, depth: 0)) yield return $"untyped {{}} schema at {untyped}";
        }
    }

    private static IEnumerable<string> ResponseProblems(string path, JsonObject operation)
    {
        var responses = operation["responses"]?.AsObject() ?? [];
        if (!responses.Any(r => r.Key.StartsWith('2'))) yield return "no success response documented";
        var checkedInput = operation["requestBody"] is not null ||
                           operation["parameters"] is JsonArray parameters && parameters.Any(p => p!["in"]?.GetValue<string>() == "query");
        // The Open Inference Protocol answers its own error object ({"error": "…"}) as application/json.
        var isError = path.StartsWith("/v2/", StringComparison.Ordinal) ? IsProtocolError : (Func<JsonObject, string, bool>)IsProblem;
        if (checkedInput && !isError(responses, "400")) yield return "a body or query it checks, but no 400 problem documented";
        if (path.Contains('{') && !isError(responses, "404")) yield return "a route parameter, but no 404 problem documented";
        if (operation["requestBody"] is not null && !IsProblem(responses, "413")) yield return "a body, but no 413 problem documented";
        if (path.StartsWith("/v1/", StringComparison.Ordinal) && !IsProblem(responses, "401")) yield return "no 401 problem documented";
    }

    private static bool IsProtocolError(JsonObject responses, string status) =>
        responses[status]?["content"]?["application/json"]?["schema"] is not null;

    private static bool IsProblem(JsonObject responses, string status) =>
        responses[status]?["content"]?["application/problem+json"] is not null;

    private static JsonObject Body(JsonObject document, string path) =>
        Resolve(document, document["paths"]![path]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!);

    private static JsonObject Resolve(JsonObject document, JsonNode schema)
    {
        var node = schema.AsObject();
        while (node["$ref"] is { } reference)
            node = document["components"]!["schemas"]![reference.GetValue<string>().Split('/')[^1]]!.AsObject();
        if (node["allOf"] is JsonArray { Count: 1 } only && node["properties"] is null) return Resolve(document, only[0]!);
        return node;
    }

    private static HashSet<string> Required(JsonObject schema) =>
        [.. schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []];

    private static bool IsUntyped(JsonObject schema) =>
        !new[] { "type", "$ref", "oneOf", "anyOf", "allOf", "enum" }.Any(schema.ContainsKey);

    /// <summary>Every nested schema (properties, items) that says nothing about its values.</summary>
    private static IEnumerable<string> Untyped(JsonObject document, JsonObject schema, int depth)
    {
        if (depth > 6) yield break;
        foreach (var (field, property) in schema["properties"]?.AsObject() ?? [])
        {
            var resolved = Resolve(document, property!);
            if (IsUntyped(resolved)) yield return field;
            foreach (var inner in Untyped(document, resolved, depth + 1)) yield return $"{field}.{inner}";
        }
        if (schema["items"] is { } items)
        {
            var resolved = Resolve(document, items);
            if (IsUntyped(resolved)) yield return "items";
            foreach (var inner in Untyped(document, resolved, depth + 1)) yield return $"items.{inner}";
        }
        foreach (var alternative in schema["oneOf"]?.AsArray() ?? [])
            foreach (var inner in Untyped(document, Resolve(document, alternative!), depth + 1)) yield return $"oneOf.{inner}";
    }
}
