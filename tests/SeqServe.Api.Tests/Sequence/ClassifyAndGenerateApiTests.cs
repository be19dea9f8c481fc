using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Core.Sequence.Mnist;
using SeqServe.Tests;
using StbImageWriteSharp;

namespace SeqServe.Api.Tests.Sequence;

[Collection(SequenceSuiteCollection.Name)]
public class ClassifyAndGenerateApiTests(SequenceSuiteFixture fixture)
{
    private HttpClient Client => fixture.Client;

    private static readonly Lazy<MnistSplit> Test = new(() => MnistData.Load(RecipeRunner.Packages).Test);

    [Fact]
    public async Task A_png_of_a_test_digit_classifies_like_its_rows()
    {
        for (var i = 0; i < 3; i++)
        {
            var (status, fromRows) = await Client.Post("/v1/sequence/mnist-rows/classify", new { rows = Test.Value.RowsOf(i) });
            Assert.True(status == HttpStatusCode.OK, fromRows.Pretty());
            Assert.Equal("mnist-rows", fromRows!["model"]!.GetValue<string>());
            var probabilities = fromRows["probabilities"]!.AsObject();
            Assert.Equal(10, probabilities.Count);
            Assert.Equal(1.0, probabilities.Sum(p => p.Value!.GetValue<double>()), 3);

            using var png = new ByteArrayContent(Png(Test.Value.Pixels[(i * 784)..((i + 1) * 784)]));
            png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            using var response = await Client.PostAsync("/v1/sequence/mnist-rows/classify", png);
            var fromPng = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(fromRows["label"]!.GetValue<string>(), fromPng["label"]!.GetValue<string>());
            foreach (var (label, p) in probabilities)
                Assert.Equal(p!.GetValue<double>(), fromPng["probabilities"]![label]!.GetValue<double>(), 5);
        }
    }

    public static TheoryData<string, string> BadRows => new()
    {
        { Rows(27, 28, 0.5), "rows" },
        { Rows(28, 29, 0.5), "rows[0]" },
        { Rows(28, 28, 1.5), "rows[0][0]" },
        { Rows(28, 28, -0.1), "rows[0][0]" },
        { "{}", "rows" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task Rows_of_the_wrong_shape_or_range_are_a_400_naming_the_field(string body, string field)
    {
        var (status, problem) = await Client.Post("/v1/sequence/mnist-rows/classify", body);
        Assert.True(status == HttpStatusCode.BadRequest, problem.Pretty());
        Assert.NotNull(problem!["errors"]![field]);
    }

    [Fact]
    public async Task Bytes_that_are_not_a_png_are_a_400_and_other_media_types_a_415()
    {
        using var gif = new ByteArrayContent("GIF89a not a png"u8.ToArray());
        gif.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var response = await Client.PostAsync("/v1/sequence/mnist-rows/classify", gif);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(problem["errors"]!["image"]);

        using var text = new StringContent("seven", System.Text.Encoding.UTF8, "text/plain");
        using var other = await Client.PostAsync("/v1/sequence/mnist-rows/classify", text);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, other.StatusCode);
    }

    [Fact]
    public async Task Generation_with_a_seed_is_reproducible_and_bounded()
    {
        var request = new { prompt = "Call me Ishmael.", length = 80, temperature = 0.8, seed = 11 };
        var (status, first) = await Client.Post("/v1/sequence/moby-dick-chars/generate", request);
        Assert.True(status == HttpStatusCode.OK, first.Pretty());
        var (_, second) = await Client.Post("/v1/sequence/moby-dick-chars/generate", request);
        var text = first!["text"]!.GetValue<string>();
        Assert.Equal(80, text.Length);
        Assert.Equal(text, second!["text"]!.GetValue<string>());
        Assert.Equal("moby-dick-chars", first["model"]!.GetValue<string>());

        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { prompt = "Call", temperature = 2.5 }, "temperature"),
                     (new { prompt = "Call", temperature = 0.0 }, "temperature"),
                     (new { prompt = "Call", length = 0 }, "length"),
                     (new { prompt = "Call", length = 5000 }, "length"),
                     (new { prompt = "Call \u4e00" }, "prompt"),
                 })
        {
            var (bad, problem) = await Client.Post("/v1/sequence/moby-dick-chars/generate", body);
            Assert.True(bad == HttpStatusCode.BadRequest, problem.Pretty());
            Assert.NotNull(problem!["errors"]![field]);
        }

        var (wrong, unsupported) = await Client.Post("/v1/sequence/mnist-rows/generate", new { prompt = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong);
        Assert.Contains("classify", unsupported!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Weather_forecasts_a_chosen_target_from_rows_of_four_features()
    {
        var history = Enumerable.Range(0, 30).Select(d => new[] { 0.0, 12 + d * 0.1, 5.0, 3.0 }).ToArray();
        var (status, body) = await Client.Post("/v1/sequence/seattle-weather-forecast/forecast", new { history, horizon = 7, target = "temp_min" });
        Assert.True(status == HttpStatusCode.OK, body.Pretty());
        Assert.Equal("temp_min", body!["target"]!.GetValue<string>());
        Assert.Equal(7, body["forecast"]!.AsArray().Count);
        Assert.Equal(7, body["rows"]!.AsArray().Count);
        Assert.Equal(body["rows"]![0]![2]!.GetValue<double>(), body["forecast"]![0]!.GetValue<double>(), 5);

        foreach (var (request, field) in new (object, string)[]
                 {
                     (new { history, horizon = 61 }, "horizon"),
                     (new { history, horizon = 3, target = "snow" }, "target"),
                     (new { history = new[] { 1.0, 2.0, 3.0 }, horizon = 3 }, "history"),
                     (new { history = history.Select(r => r[..3]).ToArray(), horizon = 3 }, "history[0]"),
                 })
        {
            var (bad, problem) = await Client.Post("/v1/sequence/seattle-weather-forecast/forecast", request);
            Assert.True(bad == HttpStatusCode.BadRequest, problem.Pretty());
            Assert.NotNull(problem!["errors"]![field]);
        }
    }

    private static string Rows(int count, int width, double value) =>
        new JsonObject { ["rows"] = new JsonArray([.. Enumerable.Range(0, count).Select(_ => (JsonNode)new JsonArray([.. Enumerable.Repeat(value, width).Select(v => (JsonNode)v)]))]) }
            .ToJsonString();

    private static byte[] Png(byte[] grey)
    {
        using var stream = new MemoryStream();
        new ImageWriter().WritePng(grey, 28, 28, ColorComponents.Grey, stream);
        return stream.ToArray();
    }
}
