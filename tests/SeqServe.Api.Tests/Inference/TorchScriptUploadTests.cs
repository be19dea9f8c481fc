using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Serving.TorchScript;
using SeqServe.Tests;
using Xunit.Abstractions;

namespace SeqServe.Api.Tests.Inference;

/// <summary>
/// A TorchScript file made by PyTorch, uploaded through POST /v1/models/{name}/versions, is verified, loaded,
/// warmed up and served on /v2 with PyTorch's outputs; a corrupt one is a Failed version while the previous
/// one keeps serving. The service's body limit is small (8 KiB): the upload route has its own.
/// </summary>
public class TorchScriptUploadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const double Tolerance = 1e-5;
    private readonly TempDir root = new();
    private SeqServeFactory app = null!;
    private HttpClient client = null!;

    public Task InitializeAsync()
    {
        app = new SeqServeFactory(root.Path, worker: false, new Dictionary<string, string>
        {
            ["Serving:MaxBodyBytes"] = "8192",
            ["Serving:TorchScript:MaxFileBytes"] = "1048576",
        });
        client = app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        root.Dispose();
    }

    private static MultipartFormDataContent Form(byte[] file, string? signature = null, string? promote = null)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "model", "lstm_classifier.pt");
        form.Add(new StringContent(signature ?? TorchScriptFixture.SignatureJson), "signature");
        if (promote is not null) form.Add(new StringContent(promote), "promote");
        return form;
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> Upload(HttpClient client, string model, byte[] file,
        string? signature = null, string? promote = null)
    {
        using var form = Form(file, signature, promote);
        using var response = await client.PostAsync($"/v1/models/{model}/versions", form);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static byte[] Fixture => File.ReadAllBytes(TorchScriptFixture.ModelPath);

    private static object Request(TorchScriptFixture.Case c) => new
    {
        id = "fixture",
        inputs = new[] { new { name = "sequence", shape = c.Shape, datatype = "FP32", data = c.Input } },
    };

    private async Task<string> UploadGood(string model)
    {
        var (status, body) = await Upload(client, model, Fixture);
        Assert.True(status == HttpStatusCode.Created, $"upload → {(int)status}: {body.Pretty()}");
        Assert.Equal("Ready", body!["version"]!["state"]!.GetValue<string>());
        return body["version"]!["version"]!.GetValue<string>();
    }

    [Fact]
    public async Task An_uploaded_pytorch_file_is_served_on_v2_with_pytorchs_outputs()
    {
        var version = await UploadGood("lstm-classifier");
        var (_, model) = await client.Get("/v1/models/lstm-classifier");
        Assert.Equal(version, model!["model"]!.Promoted());
        Assert.Equal("pytorch_torchscript", model["served"]!["platform"]!.GetValue<string>());
        Assert.Equal(64, model["served"]!["files"]![TorchScriptModel.FileName]!.GetValue<string>().Length); // SHA-256 kept like every version's

        var (status, metadata) = await client.Get("/v2/models/lstm-classifier");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("pytorch_torchscript", metadata!["platform"]!.GetValue<string>());
        var input = Assert.Single(metadata["inputs"]!.AsArray())!;
        Assert.Equal(("sequence", "FP32"), (input["name"]!.GetValue<string>(), input["datatype"]!.GetValue<string>()));
        Assert.Equal([-1L, -1, 3], input.Shape());
        Assert.Equal(["logits", "probabilities", "label"], metadata["outputs"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));
        Assert.Equal([-1L, 4], metadata["outputs"]![0]!.Shape());
        Assert.Equal("BYTES", metadata["outputs"]![2]!["datatype"]!.GetValue<string>());

        var worst = 0.0;
        foreach (var c in TorchScriptFixture.Cases)
        {
            var response = await client.Infer("/v2/models/lstm-classifier/infer", Request(c));
            Assert.Equal(version, response["model_version"]!.GetValue<string>());
            Assert.Equal("fixture", response["id"]!.GetValue<string>());
            var logits = response.Output("logits");
            Assert.Equal([c.Shape[0], 4], logits.Shape());
            var difference = Math.Max(TorchScriptFixture.MaxDifference(c.Logits, logits.Floats()),
                TorchScriptFixture.MaxDifference(c.Probabilities, response.Output("probabilities").Floats()));
            Assert.True(difference <= Tolerance, $"input [{string.Join(", ", c.Shape)}]: served outputs differ from PyTorch's by {difference:E2}");
            Assert.Equal(c.Labels, response.Output("label").Strings());
            worst = Math.Max(worst, difference);
        }
        output.WriteLine($"largest |served - PyTorch {TorchScriptFixture.TorchVersion}| over {TorchScriptFixture.Cases.Count} inputs: {worst:E2}");

        // Concurrent requests share passes through the batcher and still get PyTorch's answers.
        var c0 = TorchScriptFixture.Cases[0];
        var rows = Enumerable.Range(0, 2).Select(r => new TorchScriptFixture.Case([1, 5, 3], c0.Input[(r * 15)..((r + 1) * 15)],
            c0.Logits[(r * 4)..((r + 1) * 4)], c0.Probabilities[(r * 4)..((r + 1) * 4)], [c0.Labels[r]])).ToList();
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => client.Infer("/v2/models/lstm-classifier/infer", Request(rows[i % 2]))));
        for (var i = 0; i < answers.Length; i++)
            OipAssert.Close(rows[i % 2].Logits, answers[i].Output("logits").Floats(), Tolerance, $"concurrent request {i}");

        // Shapes are checked against the signature on every request.
        var wrong = await client.Error(HttpMethod.Post, "/v2/models/lstm-classifier/infer",
            "{\"inputs\": [{\"name\": \"sequence\", \"shape\": [1, 2, 4], \"datatype\": \"FP32\", \"data\": [1, 2, 3, 4, 5, 6, 7, 8]}]}", HttpStatusCode.BadRequest);
        Assert.Contains("[-1, -1, 3]", wrong);
        await client.Error(HttpMethod.Post, "/v2/models/lstm-classifier/infer",
            "{\"inputs\": [{\"name\": \"sequence\", \"shape\": [1, 1, 3], \"datatype\": \"INT64\", \"data\": [1, 2, 3]}]}", HttpStatusCode.BadRequest);
        // The service's own body limit still holds everywhere but the upload route.
        var large = "{\"inputs\": [{\"name\": \"sequence\", \"shape\": [1, 1000, 3], \"datatype\": \"FP32\", \"data\": [" +
                    string.Join(", ", Enumerable.Repeat("0.125", 3000)) + "]}]}";
        using var tooLarge = await client.PostAsync("/v2/models/lstm-classifier/infer", new StringContent(large, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
    }

    [Fact]
    public async Task A_corrupt_upload_is_a_failed_version_with_the_reason_and_the_previous_version_keeps_serving()
    {
        var good = await UploadGood("lstm-classifier");
        var truncated = Fixture[..(Fixture.Length / 2)];
        var (status, problem) = await Upload(client, "lstm-classifier", truncated);
        Assert.True(status == HttpStatusCode.UnprocessableEntity, $"corrupt upload → {(int)status}: {problem.Pretty()}");
        Assert.Equal("Failed", problem!["state"]!.GetValue<string>());
        Assert.Contains("torch.jit.load", problem["reason"]!.GetValue<string>());
        Assert.Contains($"Version {good} keeps serving", problem["detail"]!.GetValue<string>());
        var failed = problem["version"]!.GetValue<string>();

        var (_, model) = await client.Get("/v1/models/lstm-classifier");
        Assert.Equal(good, model!["model"]!.Served());
        var failedVersion = model["model"]!.Version(failed)!;
        Assert.Equal("Failed", failedVersion["state"]!.GetValue<string>());
        Assert.Contains("torch.jit.load", failedVersion["error"]!.GetValue<string>());

        var response = await client.Infer("/v2/models/lstm-classifier/infer", Request(TorchScriptFixture.Cases[1]));
        Assert.Equal(good, response["model_version"]!.GetValue<string>());
        Assert.True(TorchScriptFixture.MaxDifference(TorchScriptFixture.Cases[1].Logits, response.Output("logits").Floats()) <= Tolerance);
        var (readyStatus, ready) = await client.Get($"/v2/models/lstm-classifier/versions/{failed}/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.False(ready!["ready"]!.GetValue<bool>());

        // A file that loads but does not fit its signature fails the same way, naming why.
        var misfit = TorchScriptFixture.SignatureJson.Replace("\"shape\": [\n        -1,\n        4\n      ]", "\"shape\": [-1, 5]");
        Assert.NotEqual(TorchScriptFixture.SignatureJson, misfit);
        var (misfitStatus, misfitProblem) = await Upload(client, "lstm-classifier", Fixture, misfit);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, misfitStatus);
        Assert.Contains("output 'logits'", misfitProblem!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_good_upload_with_promote_false_waits_for_a_promotion_and_a_folder_dropped_into_the_store_is_served_too()
    {
        var first = await UploadGood("lstm-classifier");
        var (status, body) = await Upload(client, "lstm-classifier", Fixture, promote: "false");
        Assert.Equal(HttpStatusCode.Created, status);
        var second = body!["version"]!["version"]!.GetValue<string>();
        Assert.Equal(first, body["model"]!.Served());
        var (promoted, _) = await client.Post($"/v1/models/lstm-classifier/versions/{second}/promote", null);
        Assert.Equal(HttpStatusCode.OK, promoted);
        var response = await client.Infer("/v2/models/lstm-classifier/infer", Request(TorchScriptFixture.Cases[2]));
        Assert.Equal(second, response["model_version"]!.GetValue<string>());

        // Another process writes a TorchScript version into the store; the registry's scan picks it up.
        await using (var file = File.OpenRead(TorchScriptFixture.ModelPath))
            await TorchScriptVersion.WriteAsync(new CheckpointStore(app.ModelsDir), "dropped-lstm", file,
                TorchScriptSignature.FromJson(JsonNode.Parse(TorchScriptFixture.SignatureJson)), "copied into the store");
        await client.WaitForModel("dropped-lstm", m => m.Served() is not null);
        var dropped = await client.Infer("/v2/models/dropped-lstm/infer", Request(TorchScriptFixture.Cases[0]));
        Assert.True(TorchScriptFixture.MaxDifference(TorchScriptFixture.Cases[0].Logits, dropped.Output("logits").Floats()) <= Tolerance);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized), InlineData(TestKeys.Predict, HttpStatusCode.Forbidden), InlineData(TestKeys.Train, HttpStatusCode.Forbidden)]
    public async Task Only_admin_keys_may_upload(string? key, HttpStatusCode expected)
    {
        using var other = app.ClientWithKey(key);
        var (status, _) = await Upload(other, "lstm-classifier", Fixture);
        Assert.Equal(expected, status);
        Assert.False(Directory.Exists(Path.Combine(app.ModelsDir, "lstm-classifier")) &&
                     new CheckpointStore(app.ModelsDir).ListVersions("lstm-classifier").Count > 0, "a refused upload wrote a version");
    }

    [Fact]
    public async Task Bad_uploads_are_refused_naming_the_field_and_nothing_is_written()
    {
        var (status, problem) = await Upload(client, "lstm-classifier", Fixture,
            TorchScriptFixture.SignatureJson.Replace("\"datatype\": \"FP32\",\n      \"shape\": [\n        -1,\n        -1", "\"datatype\": \"FP16\",\n      \"shape\": [\n        -1,\n        -1"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("signature.inputs[0].datatype"), problem.Pretty());

        (status, problem) = await Upload(client, "lstm-classifier", Fixture, "{\"inputs\": [], \"extra\": 1}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, problem) = await Upload(client, "lstm-classifier", [], null);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("model"), problem.Pretty());
        (status, problem) = await client.Post("/v1/models/lstm-classifier/versions", new { model = "not a form" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("multipart/form-data", problem!["detail"]!.GetValue<string>());
        (status, _) = await Upload(client, "Bad_Name", Fixture);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Empty(new CheckpointStore(app.ModelsDir).ListVersions("lstm-classifier"));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_a_413_naming_the_limit()
    {
        await using var small = new SeqServeFactory(root.Path, worker: false, new Dictionary<string, string>
        {
            ["Serving:TorchScript:MaxFileBytes"] = "4096",
        });
        var (status, problem) = await Upload(small.CreateClient(), "lstm-classifier", Fixture);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Serving:TorchScript:MaxFileBytes", problem.Pretty());
        Assert.Empty(new CheckpointStore(small.ModelsDir).ListVersions("lstm-classifier"));
    }
}
