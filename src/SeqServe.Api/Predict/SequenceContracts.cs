using System.Text.Json;

namespace SeqServe.Api.Predict;

/// <summary>Sequences of scalars <c>[[x, …], …]</c> or of feature vectors <c>[[[f1, f2], …], …]</c>.</summary>
public sealed record PredictRequest(JsonElement Inputs);
public sealed record PredictResponse(string Model, string Version, float[][] Outputs);

/// <summary><c>history</c>: values <c>[x, …]</c>, or rows <c>[[f1, f2, …], …]</c> for a multivariate model (then <c>target</c> picks the feature).</summary>
public sealed record ForecastRequest(JsonElement History, int? Horizon, string? Target = null);
public sealed record ForecastResponse(string Model, string Version, float[] Forecast);

public sealed record MapRequest(string? Text);
public sealed record MapResponse(string Model, string Version, string Text);
