using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SeqServe.Api.OpenApi;

/// <summary>Puts each endpoint's <see cref="RequestExample"/> and <see cref="RouteExample"/>s into the OpenAPI document.</summary>
public sealed class ExampleOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<RequestExample>().LastOrDefault() is { } body && operation.RequestBody?.Content is { } content)
            foreach (var media in content.Values.OfType<OpenApiMediaType>())
                media.Example = body.Body.DeepClone();
        foreach (var route in metadata.OfType<RouteExample>())
            if (operation.Parameters?.FirstOrDefault(p => p.Name == route.Parameter) is OpenApiParameter parameter)
                parameter.Example = JsonValue.Create(route.Value);
    }
}
