using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SeqServe.Api.OpenApi;

/// <summary>
/// Every route behind authorization can answer 401 (a key missing where one is required, or a key that
/// is sent but unknown); the document says so with a problem-details response.
/// </summary>
public sealed class AuthResponsesOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any()) return;
        operation.Responses ??= [];
        if (operation.Responses.ContainsKey("401")) return;
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        operation.Responses["401"] = new OpenApiResponse
        {
            Description = "Unauthorized: the API key is missing where one is required, or unknown.",
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
        };
    }
}
