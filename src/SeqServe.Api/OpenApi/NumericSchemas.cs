using Microsoft.OpenApi;

namespace SeqServe.Api.OpenApi;

/// <summary>The OpenAPI schemas of <see cref="Predict.SequenceBatch"/> and <see cref="Predict.Series"/>: arrays whose steps are a number or a feature vector.</summary>
public static class NumericSchemas
{
    /// <summary>One step: a number, or a vector of numbers (one per feature).</summary>
    private static OpenApiSchema Step() => new()
    {
        OneOf =
        [
            new OpenApiSchema { Type = JsonSchemaType.Number, Format = "float" },
            new OpenApiSchema { Type = JsonSchemaType.Array, MinItems = 1, Items = new OpenApiSchema { Type = JsonSchemaType.Number, Format = "float" } },
        ],
    };

    /// <summary><c>[x, …]</c> or <c>[[f1, f2], …]</c>.</summary>
    public static OpenApiSchema Series() => new()
    {
        Type = JsonSchemaType.Array, MinItems = 1, Items = Step(),
        Description = "Values `[x, …]` or rows of features `[[f1, f2, …], …]`, oldest first.",
    };

    /// <summary><c>[[x, …], …]</c> or <c>[[[f1, f2], …], …]</c>.</summary>
    public static OpenApiSchema SequenceBatch() => new()
    {
        Type = JsonSchemaType.Array, MinItems = 1,
        Items = new OpenApiSchema { Type = JsonSchemaType.Array, MinItems = 1, Items = Step() },
        Description = "Sequences of scalars `[[x, …], …]` or of feature vectors `[[[f1, f2], …], …]`, all equally long.",
    };
}
