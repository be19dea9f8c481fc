using System.Net;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Jobs;

/// <summary>The walking skeleton end to end: a job becomes a hot-loaded, served model version.</summary>
public class TrainingJobTests
{
    [Fact]
    public async Task Sine_cosine_job_produces_a_served_version_that_predicts_cos()
    {
        using var root = new TempDir();
        await using var app = new SeqServeFactory(root.Path);
        var client = app.CreateClient();

        var id = await client.SubmitJob(new
        {
            model = "sine-test", task = "sequence", dataset = "sine-cosine",
            architecture = new { cell = "lstm", hidden = 32 },
            training = new { epochs = 30, seed = 3 },
        });
        var job = await client.WaitForJob(id, "Succeeded");
        var epochs = job["metrics"]!.AsArray();
        Assert.NotEmpty(epochs);
        Assert.All(epochs, e => Assert.True(e!["validLoss"]!.GetValue<double>() >= 0));
        var version = job["version"]!.GetValue<string>();
        Assert.True(job["testMetrics"]!["testRmse"]!.GetValue<double>() < 0.3);

        var model = await client.WaitForModel("sine-test", m => m.Served() == version);
        Assert.Equal("Ready", model["model"]!.Version(version)!["state"]!.GetValue<string>());

        // Tolerance: |prediction − cos(t)| < 0.15 at every step after the first 5 (the first steps
        // cannot know the sign of cos(t) from sin(t) alone).
        var t = Enumerable.Range(0, 40).Select(i => 0.7 + 0.1 * i).ToArray();
        var (status, answer) = await client.Post("/v1/sequence/sine-test/predict", new { inputs = new[] { t.Select(Math.Sin).ToArray() } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(version, answer!["version"]!.GetValue<string>());
        var outputs = answer["outputs"]![0]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal(t.Length, outputs.Length);
        for (var i = 5; i < t.Length; i++)
            Assert.True(Math.Abs(outputs[i] - Math.Cos(t[i])) < 0.15, $"step {i}: {outputs[i]:F3} vs cos {Math.Cos(t[i]):F3}");
    }

    [Fact]
    public async Task Hello_ohlol_job_maps_hello_to_ohlol()
    {
        using var root = new TempDir();
        await using var app = new SeqServeFactory(root.Path);
        var client = app.CreateClient();

        var id = await client.SubmitJob(new { dataset = "hello-ohlol", model = "mapper" });
        var version = (await client.WaitForJob(id, "Succeeded"))["version"]!.GetValue<string>();
        await client.WaitForModel("mapper", m => m.Served() == version);

        var (status, answer) = await client.Post("/v1/sequence/mapper/map", new { text = "hello" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ohlol", answer!["text"]!.GetValue<string>());
        Assert.Equal("mapper", answer["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancelling_a_running_job_stops_it_without_a_version()
    {
        using var root = new TempDir();
        await using var app = new SeqServeFactory(root.Path);
        var client = app.CreateClient();

        var id = await client.SubmitJob(new
        {
            dataset = "sine-cosine", model = "long-run",
            training = new { epochs = 500, maxExamples = 20000, patience = 100 },
        });
        await client.WaitForJob(id, "Running");
        var (status, _) = await client.Post($"/v1/jobs/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, status);

        var job = await client.WaitForJob(id, "Cancelled");
        Assert.Null(job["version"]);
        var (again, problem) = await client.Post($"/v1/jobs/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("already finished", problem!["detail"]!.GetValue<string>());
        Assert.False(Directory.Exists(Path.Combine(app.ModelsDir, "long-run")), "a cancelled job left its model folder behind");
    }

    [Fact]
    public async Task A_queued_job_survives_a_restart_and_then_runs()
    {
        using var root = new TempDir();
        string id;
        await using (var acceptingOnly = new SeqServeFactory(root.Path, worker: false))
        {
            var client = acceptingOnly.CreateClient();
            id = await client.SubmitJob(new { dataset = "hello-ohlol", model = "durable" });
            await Task.Delay(1000);
            var (_, job) = await client.Get($"/v1/jobs/{id}");
            Assert.Equal("Queued", job!["state"]!.GetValue<string>());
        }

        await using var restarted = new SeqServeFactory(root.Path);
        var after = restarted.CreateClient();
        var done = await after.WaitForJob(id, "Succeeded");
        Assert.NotNull(done["version"]);
        Assert.Equal(1, done["attempts"]!.GetValue<int>());
    }
}
