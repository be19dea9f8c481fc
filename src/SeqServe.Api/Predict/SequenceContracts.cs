using System.Text.Json;

namespace SeqServe.Api.Predict;

/// <summary>Sequences of scalars <c>[[x, …], …]</c> or of feature vectors <c>[[[f1, f2], …], …]</c>.</summary>
public sealed record PredictRequest(JsonElement Inputs);
public sealed record PredictResponse(string Model, string Version, float[][] Outputs);

public sealed record ForecastRequest(double[]? History, int? Horizon);
public sealed record ForecastResponse(string Model, string Version, float[] Forecast);

public sealed record MapRequest(string? Text);
public sealed record MapResponse(string Model, string Version, string Text);
