using System.Net;
using System.Text.Json.Nodes;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Inference;

/// <summary>
/// The Open Inference Protocol on the shipped models: the specification's requests and responses adapted to
/// SeqServe's tasks, answers equal to /v1's, metadata that describes exactly what infer accepts, and errors
/// as the protocol's error object.
/// </summary>
public class OipApiTests(OipFixture fixture) : IClassFixture<OipFixture>
{
    private const double Same = 1e-6;
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Server_metadata_live_and_ready_answer_the_protocols_objects()
    {
        var (status, server) = await Client.Get("/v2");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("seqserve", server!["name"]!.GetValue<string>());
        Assert.Matches(@"^\d+\.\d+\.\d+", server["version"]!.GetValue<string>());
        Assert.NotNull(server["extensions"]!.AsArray());

        var (liveStatus, live) = await Client.Get("/v2/health/live");
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.True(live!["live"]!.GetValue<bool>());
        using var anonymous = fixture.App.ClientWithKey(null);
        var (readyStatus, ready) = await anonymous.Get("/v2/health/ready");
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.True(ready!["ready"]!.GetValue<bool>());
        Assert.True(ready["live"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_specifications_example_request_adapted_to_sine_cosine_answers_its_example_response_and_equals_v1()
    {
        // The specification's example: id "42", a [2, …] input, one output asked for by name.
        float[][] sequences = [[0f, 0.0998f, 0.1987f, 0.2955f], [0.3894f, 0.4794f, 0.5646f, 0.6442f]];
        var response = await Client.Infer("/v2/models/sine-cosine/infer", new
        {
            id = "42",
            inputs = new[] { new { name = "input", shape = new[] { 2, 4, 1 }, datatype = "FP32", data = sequences.Select(s => s.Select(x => new[] { x })) } },
            outputs = new[] { new { name = "output" } },
        });
        Assert.Equal("42", response["id"]!.GetValue<string>());
        Assert.Equal("sine-cosine", response["model_name"]!.GetValue<string>());
        Assert.Equal(await fixture.Served("sine-cosine"), response["model_version"]!.GetValue<string>());
        var output = Assert.Single(response["outputs"]!.AsArray())!;
        Assert.Equal("output", output["name"]!.GetValue<string>());
        Assert.Equal("FP32", output["datatype"]!.GetValue<string>());
        Assert.Equal([2L, 4], output.Shape());

        var (_, v1) = await Client.Post("/v1/sequence/sine-cosine/predict", new { inputs = sequences });
        var expected = v1!["outputs"]!.AsArray().SelectMany(o => o!.AsArray().Select(v => v!.GetValue<float>())).ToArray();
        OipAssert.Close(expected, output.Floats(), Same, "cos");

        // The same tensor flattened (the specification allows both forms) gives the same answer.
        var flat = await Client.Infer("/v2/models/sine-cosine/infer", new
        {
            inputs = new[] { new { name = "input", shape = new[] { 2, 4, 1 }, datatype = "FP32", data = sequences.SelectMany(s => s) } },
        });
        Assert.Null(flat["id"]);
        OipAssert.Close(expected, flat.Output("output").Floats(), Same, "cos (flat)");
    }

    [Fact]
    public async Task Sentiment_takes_bytes_and_answers_v1s_scores_and_labels()
    {
        string[] texts = [SampleReviews.Texts[0], "A dull, lifeless plot and wooden acting. I want my two hours back."];
        var response = await Client.Infer("/v2/models/sentiment-imdb/infer", new
        {
            inputs = new[] { new { name = "text", shape = new[] { 2 }, datatype = "BYTES", data = texts } },
        });
        var (_, v1) = await Client.Post("/v1/sentiment", new { texts });
        var results = v1!["results"]!.AsArray();
        OipAssert.Close([.. results.Select(r => r!["score"]!.GetValue<float>())], response.Output("score").Floats(), Same, "score");
        Assert.Equal(results.Select(r => r!["label"]!.GetValue<string>()), response.Output("label").Strings());
        Assert.Equal("negative", response.Output("label").Strings()[1]);
        Assert.Equal([2L], response.Output("label").Shape());
    }

    [Fact]
    public async Task Pos_tags_each_sentence_like_v1_padded_to_the_longest()
    {
        string[] sentences = ["The old man walked his dog.", "She ran."];
        var response = await Client.Infer("/v2/models/pos-brown/infer", new
        {
            inputs = new[] { new { name = "text", shape = new[] { 2 }, datatype = "BYTES", data = sentences } },
        });
        var (_, v1) = await Client.Post("/v1/pos", new { sentences });
        var tokens = v1!["results"]!.AsArray().Select(r => r!["tokens"]!.AsArray()).ToList();
        var width = tokens.Max(t => t.Count);
        Assert.Equal([2L, width], response.Output("tags").Shape());
        Assert.Equal(tokens.Select(t => t.Count), response.Output("length").Floats().Select(v => (int)v));
        var tags = response.Output("tags").Strings();
        var words = response.Output("tokens").Strings();
        for (var s = 0; s < 2; s++)
            for (var j = 0; j < width; j++)
            {
                Assert.Equal(j < tokens[s].Count ? tokens[s][j]!["tag"]!.GetValue<string>() : "", tags[s * width + j]);
                Assert.Equal(j < tokens[s].Count ? tokens[s][j]!["text"]!.GetValue<string>() : "", words[s * width + j]);
            }
    }

    [Fact]
    public async Task Texts_longer_than_the_window_are_read_truncated_like_v1()
    {
        // /v2 has no truncated flag: sentiment scores the same truncated text as /v1; POS's `length` is the tokens tagged.
        var review = string.Join(' ', Enumerable.Repeat("A wonderful, moving film with a great cast.", 300));
        var sentiment = await Client.Infer("/v2/models/sentiment-imdb/infer", new
        {
            inputs = new[] { new { name = "text", shape = new[] { 1 }, datatype = "BYTES", data = new[] { review } } },
        });
        var (_, v1) = await Client.Post("/v1/sentiment", new { texts = new[] { review } });
        Assert.True(v1!["results"]![0]!["truncated"]!.GetValue<bool>());
        Assert.Equal(v1["results"]![0]!["score"]!.GetValue<float>(), sentiment.Output("score").Floats()[0], 1e-5f);

        var sentence = string.Join(' ', Enumerable.Repeat("dogs", 2500));
        var pos = await Client.Infer("/v2/models/pos-brown/infer", new
        {
            inputs = new[] { new { name = "text", shape = new[] { 1 }, datatype = "BYTES", data = new[] { sentence } } },
        });
        Assert.Equal(2000, (int)pos.Output("length").Floats()[0]); // Serving:MaxSteps
        Assert.Equal([1L, 2000L], pos.Output("tags").Shape());
    }

    [Fact]
    public async Task Forecast_classify_map_and_multivariate_forecast_equal_v1()
    {
        double[] co2 = [411.76, 411.97, 413.33, 414.64, 413.93, 411.74, 409.95, 408.54, 408.53, 410.27, 411.76, 413.40, 413.91, 414.74, 414.09, 414.51, 416.18];
        var forecast = await Client.Infer("/v2/models/co2-forecast/infer", new
        {
            inputs = new object[]
            {
                new { name = "history", shape = new[] { 1, co2.Length }, datatype = "FP32", data = co2 },
                new { name = "horizon", shape = new[] { 1 }, datatype = "INT32", data = new[] { 12 } },
            },
        });
        var (_, v1Forecast) = await Client.Post("/v1/sequence/co2-forecast/forecast", new { history = co2, horizon = 12 });
        OipAssert.Close([.. v1Forecast!["forecast"]!.AsArray().Select(v => v!.GetValue<float>())], forecast.Output("forecast").Floats(), Same, "co2");
        Assert.Equal([1L, 12], forecast.Output("forecast").Shape());

        var rows = Enumerable.Range(0, 28).Select(r => Enumerable.Range(0, 28).Select(c => r is > 5 and < 22 && c is > 12 and < 16 ? 0.9f : 0f).ToArray()).ToArray();
        var digit = await Client.Infer("/v2/models/mnist-rows/infer", new
        {
            inputs = new[] { new { name = "rows", shape = new[] { 1, 28, 28 }, datatype = "FP32", data = rows } },
        });
        var (_, v1Digit) = await Client.Post("/v1/sequence/mnist-rows/classify", new { rows });
        Assert.Equal(v1Digit!["label"]!.GetValue<string>(), Assert.Single(digit.Output("label").Strings()));
        var probabilities = v1Digit["probabilities"]!.AsObject();
        OipAssert.Close([.. Enumerable.Range(0, 10).Select(d => probabilities[d.ToString()]!.GetValue<float>())], digit.Output("probabilities").Floats(), Same, "p(digit)");

        var mapped = await Client.Infer("/v2/models/hello-ohlol/infer", new
        {
            inputs = new[] { new { name = "text", shape = new[] { 1 }, datatype = "BYTES", data = new[] { "hello" } } },
        });
        Assert.Equal(["ohlol"], mapped.Output("mapped").Strings());

        var weather = Enumerable.Range(0, 14).Select(d => new[] { 0f, 10f + d % 3, 4f + d % 2, 3f }).ToArray();
        var multivariate = await Client.Infer("/v2/models/seattle-weather-forecast/infer", new
        {
            inputs = new object[]
            {
                new { name = "history", shape = new[] { 1, 14, 4 }, datatype = "FP32", data = weather },
                new { name = "horizon", shape = new[] { 1 }, datatype = "INT32", data = new[] { 3 } },
            },
        });
        var (_, v1Weather) = await Client.Post("/v1/sequence/seattle-weather-forecast/forecast", new { history = weather, horizon = 3 });
        OipAssert.Close([.. v1Weather!["rows"]!.AsArray().SelectMany(r => r!.AsArray().Select(v => v!.GetValue<float>()))],
            multivariate.Output("forecast").Floats(), Same, "weather rows");
        Assert.Equal([1L, 3, 4], multivariate.Output("forecast").Shape());
    }

    /// <summary>A request built from nothing but the metadata: every -1 filled in, data of the declared datatype.</summary>
    private static object RequestFrom(JsonNode metadata, string text)
    {
        var inputs = metadata["inputs"]!.AsArray().Select(input =>
        {
            var declared = input!.Shape();
            var shape = declared.Select((d, i) => d >= 0 ? d : i == 0 ? 2 : 30).ToArray();
            var count = shape.Aggregate(1L, (a, d) => a * d);
            var datatype = input!["datatype"]!.GetValue<string>();
            object data = datatype switch
            {
                "BYTES" => Enumerable.Repeat(text, (int)count).ToArray(),
                "INT32" => Enumerable.Repeat(3, (int)count).ToArray(),
                _ => Enumerable.Range(0, (int)count).Select(i => (float)(0.5 + 0.25 * Math.Sin(i))).ToArray(),
            };
            return new { name = input["name"]!.GetValue<string>(), shape, datatype, data };
        });
        return new { inputs };
    }

    [Theory]
    [InlineData("sentiment-imdb", "hello"), InlineData("pos-brown", "hello"), InlineData("hello-ohlol", "hello"), InlineData("sine-cosine", "")]
    [InlineData("co2-forecast", ""), InlineData("mnist-rows", ""), InlineData("seattle-weather-forecast", "")]
    public async Task Metadata_describes_exactly_what_infer_accepts_and_answers(string model, string text)
    {
        var version = await fixture.Served(model);
        var (status, metadata) = await Client.Get($"/v2/models/{model}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(model, metadata!["name"]!.GetValue<string>());
        Assert.Equal("seqserve_torchsharp", metadata["platform"]!.GetValue<string>());
        Assert.Contains(version, metadata["versions"]!.AsArray().Select(v => v!.GetValue<string>()));

        var response = await Client.Infer($"/v2/models/{model}/infer", RequestFrom(metadata, text));
        var declared = metadata["outputs"]!.AsArray();
        Assert.Equal(declared.Select(o => o!["name"]!.GetValue<string>()), response["outputs"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));
        foreach (var output in declared)
        {
            var answered = response.Output(output!["name"]!.GetValue<string>());
            Assert.Equal(output["datatype"]!.GetValue<string>(), answered["datatype"]!.GetValue<string>());
            var (shape, got) = (output.Shape(), answered.Shape());
            Assert.Equal(shape.Length, got.Length);
            Assert.All(shape.Zip(got), p => Assert.True(p.First == -1 || p.First == p.Second, $"{model} output {output["name"]}: declared {p.First}, got {p.Second}"));
            Assert.Equal(got.Aggregate(1L, (a, d) => a * d), answered["data"]!.AsArray().Count);
        }

        // The declared shape is all it takes: one more dimension is refused.
        var input = metadata["inputs"]!.AsArray()[0]!;
        var body = RequestFrom(metadata, text);
        var json = System.Text.Json.JsonSerializer.SerializeToNode(body)!;
        json["inputs"]![0]!["shape"]!.AsArray().Add(1);
        var message = await Client.Error(HttpMethod.Post, $"/v2/models/{model}/infer", json.ToJsonString(), HttpStatusCode.BadRequest);
        Assert.Contains(input["name"]!.GetValue<string>(), message);
    }

    private const string Good = "{\"name\": \"input\", \"shape\": [1, 3, 1], \"datatype\": \"FP32\", \"data\": [0.1, 0.2, 0.3]}";

    public static TheoryData<string, string, string> BadRequests => new()
    {
        { "wrong datatype", "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 3, 1], \"datatype\": \"FP64\", \"data\": [0.1, 0.2, 0.3]}]}", "FP32" },
        { "wrong shape", "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 3, 2], \"datatype\": \"FP32\", \"data\": [1, 2, 3, 4, 5, 6]}]}", "[-1, -1, 1]" },
        { "unknown input name", "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 3, 1], \"datatype\": \"FP32\", \"data\": [0.1, 0.2, 0.3]}]}", "unknown input" },
        { "missing data", "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 3, 1], \"datatype\": \"FP32\"}]}", "'data' is required" },
        { "data of another count", "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 3, 1], \"datatype\": \"FP32\", \"data\": [0.1, 0.2]}]}", "needs 3" },
        { "a string in FP32 data", "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 3, 1], \"datatype\": \"FP32\", \"data\": [0.1, \"0.2\", 0.3]}]}", "data[1]" },
        { "a value beyond float", "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 1, 1], \"datatype\": \"FP32\", \"data\": [1e39]}]}", "finite" },
        { "no inputs", "{\"id\": \"1\"}", "'inputs' is required" },
        { "the input twice", $"{{\"inputs\": [{Good}, {Good}]}}", "twice" },
        { "unknown output", $"{{\"inputs\": [{Good}], \"outputs\": [{{\"name\": \"cos\"}}]}}", "unknown output" },
        { "an unknown field", $"{{\"inputs\": [{Good}], \"input\": 1}}", "'input' is not a field" },
        { "a numeric id", $"{{\"id\": 42, \"inputs\": [{Good}]}}", "'id'" },
        { "a negative dimension", "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, -3, 1], \"datatype\": \"FP32\", \"data\": [0.1]}]}", "non-negative" },
        { "a zero dimension", "{\"inputs\": [{\"name\": \"input\", \"shape\": [0, 3, 1], \"datatype\": \"FP32\", \"data\": []}]}", "at least 1" },
        { "malformed JSON", "{\"inputs\": [", "not valid JSON" },
        { "parameters that are not name/value pairs", $"{{\"parameters\": {{\"a\": [1]}}, \"inputs\": [{Good}]}}", "parameters" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_inference_request_is_a_400_error_object_saying_what_is_wrong(string what, string body, string says)
    {
        var message = await Client.Error(HttpMethod.Post, "/v2/models/sine-cosine/infer", body, HttpStatusCode.BadRequest);
        Assert.True(message.Contains(says, StringComparison.Ordinal), $"{what}: expected the error to say '{says}', got: {message}");
    }

    [Fact]
    public async Task Parameters_and_a_good_request_still_answer()
    {
        var response = await Client.Infer("/v2/models/sine-cosine/infer",
            JsonNode.Parse($"{{\"id\": \"a\", \"parameters\": {{\"note\": \"x\", \"n\": 1, \"b\": true}}, \"inputs\": [{Good}], \"outputs\": [{{\"name\": \"output\", \"parameters\": {{}}}}]}}")!);
        Assert.Equal([1L, 3], response.Output("output").Shape());
    }

    [Fact]
    public async Task Texts_past_the_limits_and_models_without_a_tensor_form_are_400_and_unknown_ones_404()
    {
        var empty = await Client.Error(HttpMethod.Post, "/v2/models/sentiment-imdb/infer",
            "{\"inputs\": [{\"name\": \"text\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": [\"  \"]}]}", HttpStatusCode.BadRequest);
        Assert.Contains("text[0]", empty);
        await Client.Error(HttpMethod.Post, "/v2/models/sentiment-imdb/infer",
            "{\"inputs\": [{\"name\": \"text\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": [7]}]}", HttpStatusCode.BadRequest);
        var generate = await Client.Error(HttpMethod.Get, "/v2/models/moby-dick-chars", null, HttpStatusCode.BadRequest);
        Assert.Contains("no tensor form", generate);
        await Client.Error(HttpMethod.Post, "/v2/models/moby-dick-chars/infer", $"{{\"inputs\": [{Good}]}}", HttpStatusCode.BadRequest);
        await Client.Error(HttpMethod.Get, "/v2/models/no-such-model", null, HttpStatusCode.NotFound);
        await Client.Error(HttpMethod.Get, "/v2/models/no-such-model/ready", null, HttpStatusCode.NotFound);
        await Client.Error(HttpMethod.Post, "/v2/models/no-such-model/infer", $"{{\"inputs\": [{Good}]}}", HttpStatusCode.NotFound);
        await Client.Error(HttpMethod.Get, "/v2/models/Not_A_Name", null, HttpStatusCode.BadRequest);
        await Client.Error(HttpMethod.Post, "/v2/models/sine-cosine/versions/no-such-version/infer", $"{{\"inputs\": [{Good}]}}", HttpStatusCode.NotFound);
        await Client.Error(HttpMethod.Get, "/v2/models/sine-cosine/versions/no-such-version/ready", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Version_routes_answer_for_that_version_and_count_in_the_request_metrics()
    {
        var version = await fixture.Served("sine-cosine");
        var (status, metadata) = await Client.Get($"/v2/models/sine-cosine/versions/{version}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("input", metadata!["inputs"]![0]!["name"]!.GetValue<string>());
        Assert.Equal([-1L, -1, 1], metadata["inputs"]![0]!.Shape());

        var (readyStatus, ready) = await Client.Get($"/v2/models/sine-cosine/versions/{version}/ready");
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal("sine-cosine", ready!["name"]!.GetValue<string>());
        Assert.True(ready["ready"]!.GetValue<bool>());
        var (_, modelReady) = await Client.Get("/v2/models/sine-cosine/ready");
        Assert.True(modelReady!["ready"]!.GetValue<bool>());

        var response = await Client.Infer($"/v2/models/sine-cosine/versions/{version}/infer", JsonNode.Parse($"{{\"inputs\": [{Good}]}}")!);
        Assert.Equal(version, response["model_version"]!.GetValue<string>());
        await Client.Error(HttpMethod.Post, $"/v2/models/sine-cosine/versions/{version}/infer", "{\"inputs\": []}", HttpStatusCode.BadRequest);

        var metrics = await Client.GetStringAsync("/metrics");
        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("seqserve_requests_total{", StringComparison.Ordinal)
                                                  && l.Contains("model=\"sine-cosine\"") && l.Contains($"version=\"{version}\"") && l.Contains("status=\"200\""));
        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("seqserve_requests_total{", StringComparison.Ordinal)
                                                  && l.Contains("model=\"sine-cosine\"") && l.Contains("status=\"400\""));
        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("seqserve_batch_size_count{", StringComparison.Ordinal) && l.Contains("model=\"sine-cosine\""));
    }
}
