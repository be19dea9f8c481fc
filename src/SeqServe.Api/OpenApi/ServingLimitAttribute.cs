namespace SeqServe.Api.OpenApi;

/// <summary>
/// The request field is bounded by a configurable serving limit (a property of
/// <see cref="Hosting.ServingOptions"/>): the handler checks it, with a message naming the setting, and
/// the OpenAPI document shows its configured value (<see cref="BoundsSchemaFilter"/>) as maxItems,
/// maxLength or maximum.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ServingLimitAttribute(string option) : Attribute
{
    public string Option { get; } = option;
}
