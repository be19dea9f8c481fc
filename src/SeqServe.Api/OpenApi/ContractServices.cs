using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.OpenApi;
using SeqServe.Api.Models;
using SeqServe.Api.Predict;

namespace SeqServe.Api.OpenApi;

/// <summary>
/// Typed, self-describing contracts: minimal-API validation of the request records' attributes (a 400
/// in the API's one problem shape, see <see cref="Errors.Problems.Complete"/>), their OpenAPI schemas
/// with bounds, and how the registry loads versions.
/// </summary>
public static class ContractServices
{
    public static IServiceCollection AddSeqServeContracts(this IServiceCollection services)
    {
        services.AddValidation();
        services.TryAddSingleton<IVersionLoader, RecipeVersionLoader>();
        services.ConfigureSwaggerGen(o =>
        {
            o.MapType<SequenceBatch>(NumericSchemas.SequenceBatch);
            o.MapType<Series>(NumericSchemas.Series);
            o.MapType<JsonObject>(() => new OpenApiSchema
            {
                Type = JsonSchemaType.Object, AdditionalPropertiesAllowed = true,
                Description = "A JSON object (as stored in the version's manifest).",
            });
            o.SchemaFilter<BoundsSchemaFilter>();
            o.OperationFilter<AuthResponsesOperationFilter>();
        });
        return services;
    }
}
