using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeqServe.Api.OpenApi;

/// <summary>Endpoint metadata carrying the example Swagger UI shows for a request body or a route value.</summary>
public sealed record RequestExample(JsonNode Body);
public sealed record RouteExample(string Parameter, string Value);

public static class ExampleExtensions
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, object example) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestExample(JsonSerializer.SerializeToNode(example, Web)!));

    public static TBuilder WithRouteExample<TBuilder>(this TBuilder builder, string parameter, string value) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RouteExample(parameter, value));
}
