using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using SeqServe.Api.Batching;
using SeqServe.Api.Errors;
using SeqServe.Api.Hosting;
using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Api.Predict;

public sealed record MultivariateForecastResponse(
    string Model, string Version, string Target, float[] Forecast, IReadOnlyList<string> Features, float[][] Rows);

/// <summary>The forecast operation for models that read several features per step (daily weather).</summary>
public static class MultivariateForecast
{
    public static async Task<Results<Ok<ForecastResponse>, Ok<MultivariateForecastResponse>, ValidationProblem, ProblemHttpResult>> Run(
        string model, ModelLookup.Found<IMultivariateForecaster> found, ForecastRequest request, ServingOptions limits,
        InferenceScheduler inference, CancellationToken cancel)
    {
        var forecaster = found.Model;
        var target = request.Target ?? forecaster.DefaultTarget;
        var column = forecaster.Features.ToList().IndexOf(target);
        if (column < 0)
            return Problems.Invalid("target", $"'{target}' is not a feature of this model; it has: {string.Join(", ", forecaster.Features)}.");
        // The horizon is present and at least 1 (ForecastRequest's attributes); Serving:MaxHorizon here, the model's own
        // limit (and the history's shape) in the model's Validate.
        var horizon = request.Horizon!.Value;
        if (horizon > limits.MaxHorizon)
            return Problems.Invalid("horizon", $"must be between 1 and {limits.MaxHorizon} (Serving:MaxHorizon); got {horizon}.");
        var json = request.History.Json;
        if (json.ValueKind != JsonValueKind.Array || json.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.Array))
            return Problems.Invalid("history", $"must be rows of {forecaster.Features.Count} numbers ({string.Join(", ", forecaster.Features)}), oldest first.");
        var (history, error) = SingleSequenceInput.Parse(json, limits.MaxSteps, limits.MaxFeatures);
        if (error is not null) return Problems.Invalid("history", error);

        forecaster.Validate(history!, horizon);
        var rows = (await inference.Submit(found, forecaster, [new MultivariateInput(history!, horizon)], cancel))[0];
        return TypedResults.Ok(new MultivariateForecastResponse(model, found.Version.Version, target,
            [.. rows.Select(r => r[column])], forecaster.Features, rows));
    }
}
