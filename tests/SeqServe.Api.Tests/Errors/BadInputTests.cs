using System.Net;
using System.Text.Json.Nodes;
using SeqServe.Api.Tests.Infrastructure;

namespace SeqServe.Api.Tests.Errors;

/// <summary>Every bad request gets a 4xx problem (application/problem+json) that names the field.</summary>
public class BadInputTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private HttpClient Client => fixture.Client;

    public static TheoryData<string, string, string> BadRequests => new()
    {
        // route, raw JSON body, the field the problem must name
        { "/v1/sequence/sine-cosine/predict", "{\"inputs\": [[0.1, 0.2], [0.3]]}", "inputs" },           // ragged
        { "/v1/sequence/sine-cosine/predict", "{\"inputs\": []}", "inputs" },                              // empty
        { "/v1/sequence/sine-cosine/predict", "{\"inputs\": [[]]}", "inputs" },                            // empty sequence
        { "/v1/sequence/sine-cosine/predict", "{\"inputs\": [[1e39, 0.2]]}", "inputs" },                   // overflows float
        { "/v1/sequence/sine-cosine/predict", "{\"inputs\": [[\"a\", 0.2]]}", "inputs" },                  // wrong type
        { "/v1/sequence/sine-cosine/predict", "{\"inputs\": [[[0.1, 0.2], [0.3, 0.4]]]}", "inputs" },      // 2 features for a 1-feature model
        { "/v1/sequence/sine-cosine/predict", "{\"inputs\": [[NaN, 0.2]]}", "inputs" },                // NaN is not JSON
        { "/v1/sequence/sine-cosine/predict", "{\"inputs\": [[0.1]], \"extra\": 1}", "extra" },            // unknown field
        { "/v1/sequence/sine-cosine/predict", "{\"inputs\": [[0.1, ", "inputs" },                      // malformed
        { "/v1/sequence/co2-forecast/forecast", "{\"history\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14], \"horizon\": 100000}", "horizon" },
        { "/v1/sequence/co2-forecast/forecast", "{\"history\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14], \"horizon\": 0}", "horizon" },
        { "/v1/sequence/co2-forecast/forecast", "{\"history\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14]}", "horizon" },
        { "/v1/sequence/co2-forecast/forecast", "{\"history\": [1,2], \"horizon\": 3}", "history" },           // too short
        { "/v1/sequence/co2-forecast/forecast", "{\"history\": [], \"horizon\": 3}", "history" },
        { "/v1/sequence/co2-forecast/forecast", "{\"history\": \"abc\", \"horizon\": 3}", "history" },
        { "/v1/sequence/hello-ohlol/map", "{\"text\": \"\"}", "text" },
        { "/v1/sequence/hello-ohlol/map", "{\"text\": \"hexxo\"}", "text" },                                  // not in alphabet
        { "/v1/sequence/hello-ohlol/map", "{\"text\": 5}", "text" },
        { "/v1/sequence/hello-ohlol/forecast", "{\"history\": [1,2,3], \"horizon\": 3}", "operation" },       // unsupported
        { "/v1/sequence/Bad_Name/predict", "{\"inputs\": [[0.1]]}", "model" },
        { "/v1/sequence/sine-cosine/predict?version=..%2F..%2Fetc", "{\"inputs\": [[0.1]]}", "version" },
        { "/v1/jobs", "{\"dataset\": \"co2\", \"architecture\": {\"hidden\": 1000000000}}", "architecture.hidden" },
        { "/v1/jobs", "{\"dataset\": \"co2\", \"architecture\": {\"layers\": 0}}", "architecture.layers" },
        { "/v1/jobs", "{\"dataset\": \"co2\", \"architecture\": {\"cell\": \"transformer\"}}", "architecture.cell" },
        { "/v1/jobs", "{\"dataset\": \"co2\", \"architecture\": {\"dropout\": 1.5}}", "architecture.dropout" },
        { "/v1/jobs", "{\"dataset\": \"moby-dick\", \"architecture\": {\"inputOutputDropout\": 0.95}}", "architecture.inputOutputDropout" },
        { "/v1/jobs", "{\"dataset\": \"co2\", \"architecture\": {\"bidirectional\": true}}", "architecture.bidirectional" },
        { "/v1/jobs", "{\"dataset\": \"co2\", \"training\": {\"epochs\": 100000}}", "training.epochs" },
        { "/v1/jobs", "{\"dataset\": \"co2\", \"training\": {\"learningRate\": -1}}", "training.learningRate" },
        { "/v1/jobs", "{\"dataset\": \"co2\", \"training\": {\"batchSize\": \"big\"}}", "training.batchSize" },
        { "/v1/jobs", "{\"dataset\": \"co2\", \"training\": {\"weightsPrecision\": \"float8\"}}", "training.weightsPrecision" },
        { "/v1/jobs", "{\"dataset\": \"co2\", \"training\": {\"carryState\": true}}", "training.carryState" },   // independent windows
        { "/v1/jobs", "{\"dataset\": \"moby-dick\", \"training\": {\"carryState\": false}}", "training.carryState" },
        { "/v1/jobs", "{\"dataset\": \"sine-cosine\", \"architecture\": {\"bidirectional\": true}, \"training\": {\"carryState\": true}}", "architecture.bidirectional" },
        { "/v1/jobs", "{\"dataset\": \"nope\"}", "dataset" },
        { "/v1/jobs", "{}", "dataset" },
        { "/v1/jobs", "{\"dataset\": \"co2\", \"task\": \"pos\"}", "task" },
        { "/v1/jobs", "{\"dataset\": \"co2\", \"model\": \"../../evil\"}", "model" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_requests_get_a_400_naming_the_field(string route, string body, string field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(route, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{route} {body} → {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"expected the problem to name '{field}': {text}");
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
    }

    [Theory]
    [InlineData("/v1/sequence/no-such-model/predict", "{\"inputs\": [[0.1]]}")]
    [InlineData("/v1/sequence/sine-cosine/predict?version=20000101-000000-000-0000", "{\"inputs\": [[0.1]]}")]
    [InlineData("/v1/jobs/no-such-job/cancel", "{}")]
    public async Task Unknown_things_are_404_problems(string route, string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(route, content);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_job_and_model_reads_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.Get("/v1/jobs/unknown")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.Get("/v1/models/unknown")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.Send(HttpMethod.Delete, "/v1/models/hello-ohlol/versions/20000101-000000-000-0000")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.Get("/v1/jobs?state=Sleeping")).Status);
    }

    [Fact]
    public async Task Too_many_steps_and_too_large_bodies_are_refused()
    {
        var tooLong = new { inputs = new[] { new double[2001] } };
        var (status, problem) = await Client.Post("/v1/sequence/sine-cosine/predict", tooLong);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("2000", problem!["errors"]!["inputs"]![0]!.GetValue<string>());

        var huge = "{\"text\": \"" + new string('h', 5 * 1024 * 1024) + "\"}";
        var (tooBig, body) = await Client.Post("/v1/sequence/hello-ohlol/map", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig);
        Assert.Contains("MaxBodyBytes", body!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Good_requests_still_work_and_name_model_and_version()
    {
        var history = Enumerable.Range(0, 36).Select(i => 400 + i * 0.2 + Math.Sin(i * Math.PI / 6)).ToArray();
        var (status, answer) = await Client.Post("/v1/sequence/co2-forecast/forecast", new { history, horizon = 12 });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(12, answer!["forecast"]!.AsArray().Count);
        Assert.Equal("co2-forecast", answer["model"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(answer["version"]!.GetValue<string>()));
    }
}
