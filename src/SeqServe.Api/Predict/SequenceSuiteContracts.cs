namespace SeqServe.Api.Predict;

/// <summary>An image read row by row: <c>rows</c> of numbers in [0, 1] (28 × 28 for MNIST).</summary>
public sealed record ClassifyRequest(float[][]? Rows);
public sealed record ClassifyResponse(string Model, string Version, string Label, IReadOnlyDictionary<string, float> Probabilities);

public sealed record GenerateRequest(string? Prompt, int? Length, double? Temperature, int? Seed);
public sealed record GenerateResponse(string Model, string Version, string Prompt, string Text, int? Seed);
