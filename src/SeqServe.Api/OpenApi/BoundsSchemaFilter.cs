using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using SeqServe.Api.Hosting;
using SeqServe.Core.Training;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SeqServe.Api.OpenApi;

/// <summary>
/// Puts the bounds that are not attributes into the OpenAPI schemas: the configured serving limits of
/// fields marked <see cref="ServingLimitAttribute"/> (their current values), and the training request's
/// bounds as <see cref="SpecBounds"/> declares them (with <c>dataset</c> required).
/// </summary>
public sealed class BoundsSchemaFilter(IOptions<ServingOptions> serving) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || concrete.Properties is null) return;
        foreach (var property in context.Type.GetProperties())
            if (property.GetCustomAttribute<ServingLimitAttribute>() is { } limit && Property(concrete, property.Name) is { } target)
                SetMaximum(target, Convert.ToDouble(typeof(ServingOptions).GetProperty(limit.Option)!.GetValue(serving.Value), CultureInfo.InvariantCulture));
        if (context.Type == typeof(JobSpec)) Training(concrete);
        else if (context.Type == typeof(ArchitectureSpec)) Architecture(concrete);
        else if (context.Type == typeof(TrainingSpec)) Hyperparameters(concrete);
        else if (context.Type == typeof(Predict.PosRequest)) ExactlyOne(concrete, nameof(Predict.PosRequest.Sentences), nameof(Predict.PosRequest.Tokens));
    }

    /// <summary>Exactly one of the fields is required.</summary>
    private static void ExactlyOne(OpenApiSchema schema, params string[] fields) =>
        schema.OneOf = [.. fields.Select(f => (IOpenApiSchema)new OpenApiSchema { Required = new HashSet<string> { JsonNamingPolicy.CamelCase.ConvertName(f) } })];

    private static void Training(OpenApiSchema schema)
    {
        schema.Required = new HashSet<string> { "dataset" };
        if (Property(schema, nameof(JobSpec.Dataset)) is { } dataset) Name(dataset);
        if (Property(schema, nameof(JobSpec.Model)) is { } model) Name(model);
    }

    private static void Architecture(OpenApiSchema schema)
    {
        Range(schema, nameof(ArchitectureSpec.Hidden), 1, SpecBounds.MaxHidden);
        Range(schema, nameof(ArchitectureSpec.Layers), 1, SpecBounds.MaxLayers);
        Range(schema, nameof(ArchitectureSpec.Dropout), 0, SpecBounds.MaxDropout);
        Range(schema, nameof(ArchitectureSpec.InputOutputDropout), 0, SpecBounds.MaxDropout);
        Range(schema, nameof(ArchitectureSpec.EmbeddingDim), 1, SpecBounds.MaxEmbeddingDim);
        Range(schema, nameof(ArchitectureSpec.Window), SpecBounds.MinWindow, SpecBounds.MaxWindow);
        OneOf(schema, nameof(ArchitectureSpec.Cell), SpecBounds.Cells);
        OneOf(schema, nameof(ArchitectureSpec.Nonlinearity), SpecBounds.Nonlinearities);
        OneOf(schema, nameof(ArchitectureSpec.Pooling), SpecBounds.Poolings);
        OneOf(schema, nameof(ArchitectureSpec.InputEncoding), SpecBounds.InputEncodings);
        OneOf(schema, nameof(ArchitectureSpec.Encoder), SpecBounds.Encoders);
        OneOf(schema, nameof(ArchitectureSpec.Attention), SpecBounds.Attentions);
        Range(schema, nameof(ArchitectureSpec.Heads), 1, SpecBounds.MaxHeads);
        Range(schema, nameof(ArchitectureSpec.FfHidden), 1, SpecBounds.MaxFfHidden);
    }

    private static void Hyperparameters(OpenApiSchema schema)
    {
        Range(schema, nameof(TrainingSpec.Epochs), 1, SpecBounds.MaxEpochs);
        Range(schema, nameof(TrainingSpec.BatchSize), 1, SpecBounds.MaxBatchSize);
        Range(schema, nameof(TrainingSpec.LearningRate), 0, SpecBounds.MaxLearningRate, exclusiveMinimum: true);
        Range(schema, nameof(TrainingSpec.Seed), 0, int.MaxValue);
        Range(schema, nameof(TrainingSpec.ClipNorm), 0, SpecBounds.MaxClipNorm);
        Range(schema, nameof(TrainingSpec.MaxExamples), 1, SpecBounds.MaxExamplesLimit);
        Range(schema, nameof(TrainingSpec.MaxMinutes), 0, SpecBounds.MaxMinutesLimit, exclusiveMinimum: true);
        Range(schema, nameof(TrainingSpec.Patience), 1, SpecBounds.MaxPatience);
        Range(schema, nameof(TrainingSpec.LrDecay), SpecBounds.MinLrDecay, 1);
        OneOf(schema, nameof(TrainingSpec.Optimizer), SpecBounds.Optimizers);
        Range(schema, nameof(TrainingSpec.Crops), 0, SeqServe.Core.Sentiment.ImdbSentimentRecipe.MaxCrops);
        Range(schema, nameof(TrainingSpec.LexiconPhrases), 0, SeqServe.Core.Sentiment.ImdbSentimentRecipe.MaxCrops);
        Range(schema, nameof(TrainingSpec.ExtraCharsPerEpoch), SeqServe.Core.Sequence.CharGeneration.CharGenerationRecipe.MinExtraCharsPerEpoch,
            SeqServe.Core.Sequence.CharGeneration.CharGenerationRecipe.MaxExtraCharsPerEpoch);
    }

    private static OpenApiSchema? Property(OpenApiSchema schema, string name) =>
        schema.Properties!.TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(name), out var property) ? property as OpenApiSchema : null;

    private static void Name(OpenApiSchema schema)
    {
        schema.Pattern = "^[a-z0-9][a-z0-9-]{0,63}$";
        schema.MaxLength = 64;
    }

    private static void SetMaximum(OpenApiSchema schema, double limit)
    {
        var type = schema.Type ?? 0;
        if (type.HasFlag(JsonSchemaType.Array)) schema.MaxItems = (int)limit;
        else if (type.HasFlag(JsonSchemaType.String)) schema.MaxLength = (int)limit;
        else schema.Maximum = limit.ToString(CultureInfo.InvariantCulture);
    }

    private static void Range(OpenApiSchema schema, string name, double min, double max, bool exclusiveMinimum = false)
    {
        if (Property(schema, name) is not { } property) return;
        if (exclusiveMinimum) property.ExclusiveMinimum = min.ToString(CultureInfo.InvariantCulture);
        else property.Minimum = min.ToString(CultureInfo.InvariantCulture);
        property.Maximum = max.ToString(CultureInfo.InvariantCulture);
    }

    private static void OneOf(OpenApiSchema schema, string name, IEnumerable<string> allowed)
    {
        if (Property(schema, name) is { } property)
            property.Enum = [.. allowed.Select(a => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(a)!)];
    }
}
