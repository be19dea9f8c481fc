using System.Net;
using System.Text.Json.Nodes;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Core.Sequence.Forecasting;

namespace SeqServe.Api.Tests.Errors;

/// <summary>
/// Errors speak the client's language: JSON field names and what they must hold, the nearest known field for an
/// unknown one, the index of a wrong element, what to send for a wrong content type, options a model does not
/// use, and bounds that depend on the dataset, checked when a job is submitted. Never a .NET type name.
/// </summary>
public class ClearErrorsTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private HttpClient Client => fixture.Client;

    private async Task<(HttpStatusCode Status, string Text, JsonNode? Problem, string? MediaType)> PostRaw(string route, string body,
        string? contentType = "application/json")
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await Client.PostAsync(route, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text, text.Length == 0 ? null : JsonNode.Parse(text), response.Content.Headers.ContentType?.MediaType);
    }

    private static string ErrorOf(JsonNode problem, string field) =>
        problem["errors"]?[field]?[0]?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"no error for '{field}': {problem.ToJsonString()}");

    private static void AssertNoDotNet(string text)
    {
        foreach (var leak in new[] { ".NET", "System.", "SeqServe.", "Int32", "Nullable", "Request'" })
            Assert.False(text.Contains(leak, StringComparison.Ordinal), $"the problem names a .NET type ({leak}): {text}");
    }

    [Theory]
    [InlineData("/v1/sentiment", "{\"text\": \"hello\"}", "text", "unknown field `text`; did you mean `texts`?")]
    [InlineData("/v1/sequence/co2-forecast/forecast", "{\"histroy\": [1, 2, 3], \"horizon\": 3}", "histroy", "unknown field `histroy`; did you mean `history`?")]
    [InlineData("/v1/jobs", "{\"dataset\": \"co2\", \"architecture\": {\"hiden\": 32}}", "architecture.hiden", "unknown field `hiden`; did you mean `hidden`?")]
    [InlineData("/v1/jobs", "{\"dataset\": \"co2\", \"training\": {\"epoch\": 3}}", "training.epoch", "unknown field `epoch`; did you mean `epochs`?")]
    [InlineData("/v1/pos", "{\"sentence\": [\"The cat sat.\"]}", "sentence", "unknown field `sentence`; did you mean `sentences`?")]
    public async Task An_unknown_field_names_the_nearest_known_one(string route, string body, string field, string message) =>
        Assert.Equal(message, await BadRequestMessage(route, body, field));

    /// <summary>Posts the body, asserts a 400 problem without .NET names, and returns its message for <paramref name="field"/>.</summary>
    private async Task<string> BadRequestMessage(string route, string body, string field)
    {
        var (status, text, problem, media) = await PostRaw(route, body);
        Assert.True(status == HttpStatusCode.BadRequest, $"{route} {body} → {(int)status}: {text}");
        Assert.Equal("application/problem+json", media);
        AssertNoDotNet(text);
        return ErrorOf(problem!, field);
    }

    [Fact]
    public async Task An_unknown_field_far_from_every_known_one_lists_the_known_fields()
    {
        var (status, text, problem, _) = await PostRaw("/v1/sentiment", "{\"texts\": [\"fine\"], \"zzzzzzzzzz\": 1}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = ErrorOf(problem!, "zzzzzzzzzz");
        Assert.StartsWith("unknown field `zzzzzzzzzz`; the fields here are", message);
        Assert.Contains("`texts`", message);
        AssertNoDotNet(text);
    }

    [Theory]
    [InlineData("/v1/sequence/co2-forecast/forecast", "{\"history\": [1, 2, \"x\"], \"horizon\": 3}", "history[2]", "must be a number")]
    [InlineData("/v1/sequence/co2-forecast/forecast", "{\"history\": [1, null, 3], \"horizon\": 3}", "history[1]", "must be a number")]
    [InlineData("/v1/sentiment", "{\"texts\": [\"fine\", 7]}", "texts[1]", "must be a string")]
    [InlineData("/v1/jobs", "{\"dataset\": \"co2\", \"training\": {\"epochs\": 1.5}}", "training.epochs", "must be a whole number")]
    [InlineData("/v1/jobs", "{\"dataset\": \"co2\", \"architecture\": {\"bidirectional\": \"no\"}}", "architecture.bidirectional", "must be true or false")]
    [InlineData("/v1/sentiment", "{\"texts\": [\"fine\"], \"explain\": \"yes\"}", "explain", "must be true or false")]
    [InlineData("/v1/pos", "{\"tokens\": [[\"The\", 5]]}", "tokens[0][1]", "must be a string")]
    [InlineData("/v1/sentiment", "{\"texts\": \"fine\"}", "texts", "must be an array of strings")]
    [InlineData("/v1/pos", "{\"tokens\": \"The\"}", "tokens", "must be an array of arrays of strings")]
    [InlineData("/v1/sequence/sine-cosine/predict", "{\"inputs\": [[[0.1], [\"a\"]]]}", "inputs", "[0][1][0] must be a number")]
    [InlineData("/v1/sentiment", "[\"fine\"]", "body", "must be a JSON object")]
    public async Task A_wrong_type_names_the_element_and_what_it_must_be(string route, string body, string field, string expected) =>
        Assert.Contains(expected, await BadRequestMessage(route, body, field));

    [Theory]
    [InlineData("/v1/sentiment", "{\"texts\": [\"fine\"]}", null)]
    [InlineData("/v1/sentiment", "{\"texts\": [\"fine\"]}", "text/plain")]
    [InlineData("/v1/jobs", "{\"dataset\": \"co2\"}", null)]
    [InlineData("/v1/sequence/co2-forecast/forecast", "{\"history\": [1, 2, 3], \"horizon\": 3}", "application/x-www-form-urlencoded")]
    public async Task A_missing_or_wrong_content_type_is_a_415_problem_saying_to_send_json(string route, string body, string? contentType)
    {
        var (status, text, problem, media) = await PostRaw(route, body, contentType);
        Assert.True(status == HttpStatusCode.UnsupportedMediaType, $"{route} ({contentType ?? "no content type"}) → {(int)status}: {text}");
        Assert.Equal("application/problem+json", media);
        Assert.Contains("application/json", problem!["detail"]?.GetValue<string>() ?? text);
        AssertNoDotNet(text);
    }

    public static TheoryData<string, string> Routes => new()
    {
        { "/v1/sentiment", "texts" }, { "/v1/pos", "sentences" }, { "/v1/jobs", "dataset" },
        { "/v1/sequence/sine-cosine/predict", "inputs" }, { "/v1/sequence/co2-forecast/forecast", "history" },
        { "/v1/sequence/hello-ohlol/map", "text" }, { "/v1/sequence/hello-ohlol/generate", "prompt" },
        { "/v1/sequence/sine-cosine/classify", "rows" }, { "/v1/sequence/sine-cosine/sessions/no-such-session/step", "inputs" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task No_bad_body_on_any_route_is_answered_with_a_dotnet_name(string route, string field)
    {
        string[] bodies =
        [
            "[]", "\"x\"", "null", "7", "{}", "{\"zzzzzz\": 1}", $"{{\"{field}\": {{}}}}", $"{{\"{field}\": [[[[1]]]]}}",
            $"{{\"{field}\": true}}", $"{{\"{field}\": [true]}}", "{\"a\":", "{\"horizon\": \"x\", \"length\": 1.5, \"explain\": 1}",
        ];
        foreach (var body in bodies)
        {
            var (status, text, _, _) = await PostRaw(route, body);
            Assert.True((int)status is >= 400 and < 500, $"{route} {body} → {(int)status}: {text}");
            AssertNoDotNet(text);
            Assert.False(System.Text.RegularExpressions.Regex.IsMatch(text, @"\b(Texts|Sentences|Inputs|History|Horizon|Rows|Prompt|Dataset)\b"),
                $"{route} {body}: the problem names a .NET member: {text}");
        }
    }

    [Fact]
    public async Task An_upload_that_is_not_a_form_is_a_415_problem_saying_to_send_multipart()
    {
        var (status, text, problem, media) = await PostRaw("/v1/models/my-script/versions", "{\"model\": \"x\"}");
        Assert.True(status == HttpStatusCode.UnsupportedMediaType, $"→ {(int)status}: {text}");
        Assert.Equal("application/problem+json", media);
        Assert.Contains("multipart/form-data", problem!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_query_value_of_the_wrong_type_names_the_parameter_and_what_it_must_be()
    {
        using var response = await Client.GetAsync("/v1/jobs?limit=abc");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("must be a whole number (got \"abc\").", ErrorOf(JsonNode.Parse(text)!, "limit"));
        AssertNoDotNet(text);
    }

    [Fact]
    public async Task An_empty_json_body_is_a_400_naming_the_body()
    {
        var (status, text, problem, _) = await PostRaw("/v1/sentiment", "");
        Assert.True(status == HttpStatusCode.BadRequest, $"→ {(int)status}: {text}");
        Assert.NotNull(problem!["errors"]!["body"]);
        AssertNoDotNet(text);
    }

    [Fact]
    public async Task A_forecast_option_the_model_does_not_use_is_a_400_naming_it()
    {
        // co2-forecast reads one series: `target` is a multivariate model's option.
        var (status, text, problem, _) = await PostRaw("/v1/sequence/co2-forecast/forecast",
            "{\"history\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14], \"horizon\": 3, \"target\": \"temp_max\"}");
        Assert.True(status == HttpStatusCode.BadRequest, $"→ {(int)status}: {text}");
        Assert.Contains("target", ErrorOf(problem!, "target"));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(Co2ForecastRecipe.CalendarMonths)]
    public async Task A_window_longer_than_the_series_allows_is_refused_when_the_job_is_submitted(int window)
    {
        var limit = Co2ForecastRecipe.MaxWindow(Co2ForecastRecipe.CalendarMonths);
        var (status, text, problem, _) = await PostRaw("/v1/jobs", $"{{\"dataset\": \"co2\", \"architecture\": {{\"window\": {window}}}}}");
        Assert.True(status == HttpStatusCode.BadRequest, $"window {window} → {(int)status}: {text}");
        var message = ErrorOf(problem!, "architecture.window");
        Assert.Contains($"at most {limit}", message);
        Assert.Contains("co2", message);
    }
}
