using System.Text.Json;
using SeqServe.Api.Hosting;

namespace SeqServe.Api.Predict;

/// <summary>One sequence <c>[x, …]</c> or <c>[[f1, f2], …]</c>, checked with the same rules as a batch of them.</summary>
public static class SingleSequenceInput
{
    public static (float[][]? Steps, string? Error) Parse(JsonElement sequence, int maxSteps, int maxFeatures)
    {
        if (sequence.ValueKind != JsonValueKind.Array) return (null, "must be an array of numbers or of feature vectors.");
        var limits = new ServingOptions { MaxBatch = 1, MaxSteps = maxSteps, MaxFeatures = maxFeatures };
        var (batch, error) = SequenceInput.ParseBatch(JsonSerializer.SerializeToElement(new[] { sequence }), limits);
        return error is null ? (batch![0], null) : (null, error.StartsWith("[0]", StringComparison.Ordinal) ? error[3..].TrimStart() : error);
    }
}
