using System.ComponentModel.DataAnnotations;
using SeqServe.Api.Hosting;
using SeqServe.Api.OpenApi;

namespace SeqServe.Api.Predict;

/// <summary>Sequences of scalars <c>[[x, …], …]</c> or of feature vectors <c>[[[f1, f2], …], …]</c>, all equally long.</summary>
public sealed record PredictRequest
{
    [Required, ServingLimit(nameof(ServingOptions.MaxBatch))]
    public SequenceBatch Inputs { get; init; }
}

public sealed record PredictResponse(string Model, string Version, float[][] Outputs);

/// <summary><c>history</c>: values <c>[x, …]</c>, or rows <c>[[f1, f2, …], …]</c> for a multivariate model (then <c>target</c> picks the feature).</summary>
public sealed record ForecastRequest
{
    [Required, ServingLimit(nameof(ServingOptions.MaxSteps))]
    public Series History { get; init; }

    /// <summary>Steps to forecast: 1 to Serving:MaxHorizon (and at most the model's own limit).</summary>
    [Required(ErrorMessage = "is required."), Range(1, int.MaxValue, ErrorMessage = "must be at least 1."), ServingLimit(nameof(ServingOptions.MaxHorizon))]
    public int? Horizon { get; init; }

    /// <summary>A multivariate model's feature to answer (default: the one it was evaluated on).</summary>
    public string? Target { get; init; }
}

public sealed record ForecastResponse(string Model, string Version, float[] Forecast);

public sealed record MapRequest
{
    [Required(ErrorMessage = "is required and must not be empty."), MinLength(1, ErrorMessage = "is required and must not be empty."),
     ServingLimit(nameof(ServingOptions.MaxTextLength))]
    public string? Text { get; init; }
}

public sealed record MapResponse(string Model, string Version, string Text);
