using System.Net;
using SeqServe.Api.Tests.Infrastructure;

namespace SeqServe.Api.Tests.Errors;

/// <summary>Hostile strings and types: invalid UTF-16, control characters, names with a trailing newline, numbers as strings, huge values.</summary>
public class InputHygieneTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private HttpClient Client => fixture.Client;

    public static TheoryData<string, string, string> BadStrings => new()
    {
        // raw JSON: \ud800 stays an escape in the body, so the server reads an unpaired surrogate
        { "/v1/sentiment", "{\"texts\": [\"fine\", \"x\\ud83dy\"]}", "texts[1]" },
        { "/v1/sentiment", "{\"texts\": [\"bell \\u0007\"]}", "texts[0]" },
        { "/v1/sequence/hello-ohlol/map", "{\"text\": \"he\\u0000llo\"}", "text" },
        { "/v1/jobs", "{\"dataset\": \"hello-ohlol\", \"model\": \"hello-ohlol\\n\"}", "model" },
        { "/v1/jobs", "{\"dataset\": \"co2\", \"architecture\": {\"hidden\": \"32\"}}", "architecture.hidden" },
        { "/v1/jobs", "{\"dataset\": \"co2\", \"training\": {\"epochs\": \"3\"}}", "training.epochs" },
    };

    [Theory]
    [MemberData(nameof(BadStrings))]
    public Task Hostile_strings_and_wrong_types_are_400_naming_the_field(string route, string body, string field) =>
        Client.AssertBadRequest(route, body, field);

    [Theory]
    [InlineData("{\"dataset\": \"hello-ohlol\", \"architecture\": {\"maxTokens\": 1000}}", "architecture.maxTokens")]
    [InlineData("{\"dataset\": \"hello-ohlol\", \"architecture\": {\"minFrequency\": 5}}", "architecture.minFrequency")]
    [InlineData("{\"dataset\": \"sine-cosine\", \"architecture\": {\"pooling\": \"max\"}}", "architecture.pooling")]
    [InlineData("{\"dataset\": \"imdb\", \"architecture\": {\"window\": 50}}", "architecture.window")]
    [InlineData("{\"dataset\": \"mnist\", \"architecture\": {\"embeddingDim\": 8}}", "architecture.embeddingDim")]
    [InlineData("{\"dataset\": \"sine-cosine\", \"architecture\": {\"window\": 1000}, \"training\": {\"maxExamples\": 10000000}}", "training.maxExamples")]
    [InlineData("{\"dataset\": \"moby-dick\", \"architecture\": {\"hidden\": 1024, \"layers\": 4, \"window\": 1000}, \"training\": {\"batchSize\": 4096}}", "training.batchSize")]
    [InlineData("{\"dataset\": \"co2\", \"training\": {\"maxMinutes\": 1440}}", "training.maxMinutes")]
    public Task A_field_the_recipe_does_not_read_or_a_job_too_large_is_400_naming_it(string body, string field) =>
        Client.AssertBadRequest("/v1/jobs", body, field);

    [Fact]
    public async Task A_name_with_a_trailing_newline_is_not_a_model_name()
    {
        var (status, body) = await Client.Get("/v1/models/hello-ohlol%0A");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body!["errors"]!["name"]);
        Assert.Equal(HttpStatusCode.OK, (await Client.Get("/v1/models/hello-ohlol")).Status);
    }

    [Fact]
    public async Task A_huge_bad_value_is_quoted_short_in_the_error()
    {
        var huge = new string('x', 1_000_000);
        using var content = new StringContent($"{{\"dataset\": \"hello-ohlol\", \"model\": \"{huge}\"}}", System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/v1/jobs", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(text.Length < 4_000, $"the problem body repeats the value: {text.Length} characters");
        Assert.Contains("1,000,000 characters", text);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    public async Task Health_routes_answer_only_GET_and_HEAD(string method)
    {
        foreach (var route in new[] { "/health/live", "/health/ready" })
        {
            using var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), route));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        }
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/health/live"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }
}
