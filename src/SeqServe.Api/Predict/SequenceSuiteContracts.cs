using System.ComponentModel.DataAnnotations;
using SeqServe.Core.Sequence.CharGeneration;

namespace SeqServe.Api.Predict;

/// <summary>An image read row by row: <c>rows</c> of numbers in [0, 1] (28 × 28 for MNIST).</summary>
public sealed record ClassifyRequest
{
    [Required, MinLength(1)]
    public float[][]? Rows { get; init; }
}

public sealed record ClassifyResponse(string Model, string Version, string Label, IReadOnlyDictionary<string, float> Probabilities);

/// <summary>A prompt to continue (may be empty: the text then starts at a paragraph break); the bounds are the generator's own.</summary>
public sealed record GenerateRequest
{
    [Required(AllowEmptyStrings = true, ErrorMessage = "is required (it may be empty).")]
    [MaxLength(CharGenerator.MaxPromptLength, ErrorMessage = "has more than {1} characters, the limit of this model.")]
    public string? Prompt { get; init; }

    [Range(1, CharGenerator.MaxLength, ErrorMessage = "must be between {1} and {2}.")]
    public int? Length { get; init; }

    [Range(CharGenerator.MinTemperature, CharGenerator.MaxTemperature, ErrorMessage = "must be between {1} and {2}.")]
    public double? Temperature { get; init; }

    public int? Seed { get; init; }
}

public sealed record GenerateResponse(string Model, string Version, string Prompt, string Text, int? Seed);
