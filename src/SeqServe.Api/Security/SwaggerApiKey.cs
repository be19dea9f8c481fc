using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SeqServe.Api.Security;

/// <summary>Swagger UI's Authorize button: the API key sent as X-Api-Key.</summary>
public static class SwaggerApiKey
{
    public static void AddApiKeySecurity(this SwaggerGenOptions o)
    {
        o.AddSecurityDefinition(ApiKeyAuthentication.SchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthentication.HeaderName,
            Description = "An API key (Auth:Keys). Training needs the train scope; promote, delete and cancelling others' jobs need admin.",
        });
        o.AddSecurityRequirement(document => new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ApiKeyAuthentication.SchemeName, document)] = [],
        });
    }
}
