using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SeqServe.Api.Batching;
using SeqServe.Api.Errors;
using SeqServe.Api.Hosting;
using SeqServe.Api.Metrics;
using SeqServe.Api.OpenApi;
using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Api.Predict;

/// <summary>/v1/sequence/{model}/…: per-step prediction, forecasting and character mapping.</summary>
public static class SequenceApi
{
    public static RouteGroupBuilder MapSequenceApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/sequence/{model}").WithTags("Sequence").AddEndpointFilter<PredictionMetricsFilter>();

        group.MapPost("/predict", Predict)
            .WithName("PredictSequence")
            .WithSummary("One output per input step (e.g. sin(t) in, cos(t) out).")
            .WithDescription("Body: `inputs` as sequences of scalars `[[x, …]]` or of feature vectors `[[[f1, f2], …]]`, all equally long. " +
                             "`sine-cosine` reads sin(t) with t advancing 0.1 per step and answers cos(t) at every step. Optional `?version=`.")
            .WithRequestExample(new { inputs = new[] { new[] { 0.0, 0.0998, 0.1987, 0.2955, 0.3894, 0.4794, 0.5646, 0.6442 } } })
            .WithRouteExample("model", "sine-cosine")
            .ProducesProblems(ResponseDocs.Prediction);

        group.MapPost("/forecast", Forecast)
            .WithName("ForecastSequence")
            .WithSummary("Forecast the next `horizon` values of a series from its history.")
            .WithDescription("The model reads the history and feeds its own predictions back, one step at a time. " +
                             "A multivariate model (e.g. seattle-weather-forecast) takes `history` as rows of its features " +
                             "(precipitation, temp_max, temp_min, wind) and an optional `target` feature (default temp_max); " +
                             "it answers the target's forecast and every feature's rows.")
            .WithRequestExample(new { history = Co2Example, horizon = 12 })
            .WithRouteExample("model", "co2-forecast")
            .ProducesProblems(ResponseDocs.Prediction);

        group.MapPost("/map", Map)
            .WithName("MapSequence")
            .WithSummary("Map a character sequence to another of the same length (\"hello\" → \"ohlol\").")
            .WithRequestExample(new { text = "hello" })
            .WithRouteExample("model", "hello-ohlol")
            .ProducesProblems(ResponseDocs.Prediction);

        return group;
    }

    /// <summary>The CO2 series' last 17 months, 2018-12 … 2020-04 (vega-datasets co2-concentration.csv).</summary>
    private static readonly double[] Co2Example =
    [
        409.23, 410.92, 411.66, 412.00, 413.52, 414.83, 413.96, 411.85, 410.08, 408.55, 408.43, 410.29,
        411.85, 413.37, 414.09, 414.51, 416.18,
    ];

    private static async Task<Results<Ok<PredictResponse>, ValidationProblem, ProblemHttpResult>> Predict(
        string model, PredictRequest request, ModelLookup lookup, InferenceScheduler inference, IOptions<ServingOptions> limits,
        CancellationToken cancel, string? version = null)
    {
        var (found, problem) = await lookup.Find<IPerStepPredictor>(model, version, "predict", cancel);
        if (problem is not null) return problem;
        var (inputs, error) = SequenceInput.ParseBatch(request.Inputs.Json, limits.Value);
        if (error is not null) return Problems.Invalid("inputs", error);
        found!.Model.Validate(inputs!);
        var outputs = await inference.Submit(found, found.Model, inputs!, cancel);
        return TypedResults.Ok(new PredictResponse(model, found.Version.Version, outputs));
    }

    private static async Task<Results<Ok<ForecastResponse>, Ok<MultivariateForecastResponse>, ValidationProblem, ProblemHttpResult>> Forecast(
        string model, ForecastRequest request, ModelLookup lookup, InferenceScheduler inference, IOptions<ServingOptions> limits,
        CancellationToken cancel, string? version = null)
    {
        var (multivariate, _) = await lookup.Find<IMultivariateForecaster>(model, version, "forecast", cancel);
        if (multivariate is not null) return await MultivariateForecast.Run(model, multivariate, request, limits.Value, inference, cancel);
        var (found, problem) = await lookup.Find<IForecaster>(model, version, "forecast", cancel);
        if (problem is not null) return problem;
        var max = limits.Value;
        var errors = new Dictionary<string, string[]>();
        if (request.Target is not null)
            errors["target"] = [$"this model forecasts one series and has no features to choose from; leave `target` out (it is for multivariate models)."];
        var json = request.History.Json;
        var history = json.ValueKind == JsonValueKind.Array && json.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number)
            ? json.EnumerateArray().Select(v => v.GetDouble()).ToArray()
            : null;
        var notNumber = json.ValueKind == JsonValueKind.Array ? json.EnumerateArray().Select(v => v.ValueKind).ToList().FindIndex(k => k != JsonValueKind.Number) : -1;
        if (notNumber >= 0) errors[$"history[{notNumber}]"] = [$"must be a number (got {Kind(json[notNumber].ValueKind)}); `history` is an array of numbers, oldest first."];
        else if (json.ValueKind is not (JsonValueKind.Array or JsonValueKind.Undefined or JsonValueKind.Null))
            errors["history"] = [$"must be an array of numbers, oldest first (got {Kind(json.ValueKind)})."];
        else if (history is not { Length: > 0 }) errors["history"] = ["is required and must hold at least one number."];
        else if (history.Length > max.MaxSteps) errors["history"] = [$"holds {history.Length} values; the limit is {max.MaxSteps} (Serving:MaxSteps)."];
        else if (history.Length < found!.Model.MinHistory) errors["history"] = [$"holds {history.Length} values; this model needs at least {found.Model.MinHistory}."];
        else if (history.Any(v => !SequenceInput.TryFinite(v, out _))) errors["history"] = ["every value must be a finite number within ±3.4e38."];
        // Present and at least 1 (ForecastRequest's attributes, checked before the handler runs); the configured upper bound:
        var horizon = request.Horizon!.Value;
        if (horizon > max.MaxHorizon) errors["horizon"] = [$"must be between 1 and {max.MaxHorizon} (Serving:MaxHorizon); got {horizon}."];
        if (errors.Count > 0) return Problems.Invalid(errors);

        var input = new ForecastInput([.. history!.Select(v => (float)v)], horizon);
        var forecast = (await inference.Submit(found!, found!.Model, [input], cancel))[0];
        return TypedResults.Ok(new ForecastResponse(model, found.Version.Version, forecast));
    }

    /// <summary>A JSON value's kind as a client names it ("a string", "an array").</summary>
    internal static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "a number",
    };

    private static async Task<Results<Ok<MapResponse>, ValidationProblem, ProblemHttpResult>> Map(
        string model, MapRequest request, ModelLookup lookup, InferenceScheduler inference, IOptions<ServingOptions> limits,
        CancellationToken cancel, string? version = null)
    {
        var (found, problem) = await lookup.Find<ISequenceMapper>(model, version, "map", cancel);
        if (problem is not null) return problem;
        // Present and not empty: MapRequest's attributes, checked before the handler runs.
        if (request.Text!.Length > limits.Value.MaxTextLength)
            return Problems.Invalid("text", $"has {request.Text.Length} characters; the limit is {limits.Value.MaxTextLength} (Serving:MaxTextLength).");
        found!.Model.Validate(request.Text);
        var mapped = (await inference.Submit(found, found.Model, [request.Text], cancel))[0];
        return TypedResults.Ok(new MapResponse(model, found.Version.Version, mapped));
    }
}
