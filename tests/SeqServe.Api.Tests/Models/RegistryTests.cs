using System.Net;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Models;

public class RegistryTests
{
    [Fact]
    public async Task A_corrupt_new_version_is_reported_failed_and_the_promoted_one_keeps_serving()
    {
        using var root = new TempDir();
        var models = Path.Combine(root.Path, "models");
        var good = SeededStore.AddHelloOhlol(models);
        SeededStore.Promote(models, "hello-ohlol", good);
        await using var app = new SeqServeFactory(root.Path);
        var client = app.CreateClient();
        await client.WaitForModel("hello-ohlol", m => m.Served() == good);

        // A new version arrives with damaged weights and is promoted (as a job with promote: true would).
        var bad = SeededStore.AddHelloOhlol(models, seed: 7, tamper: dir =>
        {
            var weights = Path.Combine(dir, "weights.bin");
            var bytes = File.ReadAllBytes(weights);
            bytes[^10] ^= 0xFF;
            File.WriteAllBytes(weights, bytes);
        });
        SeededStore.Promote(models, "hello-ohlol", bad);

        var model = await client.WaitForModel("hello-ohlol", m => m.Version(bad)?["state"]?.GetValue<string>() == "Failed");
        Assert.Contains("SHA-256", model["model"]!.Version(bad)!["error"]!.GetValue<string>());
        Assert.Equal(good, model["model"]!.Served());      // what answers
        Assert.Equal(bad, model["model"]!.Promoted());     // what the PROMOTED file asks for
        Assert.Equal(good, model["served"]!["version"]!.GetValue<string>()); // the manifest shown is the served version's

        var (status, answer) = await client.Post("/v1/sequence/hello-ohlol/map", new { text = "hello" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(good, answer!["version"]!.GetValue<string>());
        Assert.Equal("ohlol", answer["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Promoting_an_older_version_rolls_back_and_the_promoted_version_cannot_be_deleted()
    {
        using var root = new TempDir();
        var models = Path.Combine(root.Path, "models");
        var v1 = SeededStore.AddHelloOhlol(models, seed: 1);
        var v2 = SeededStore.AddHelloOhlol(models, seed: 2);
        SeededStore.Promote(models, "hello-ohlol", v2);
        await using var app = new SeqServeFactory(root.Path);
        var client = app.CreateClient();
        await client.WaitForModel("hello-ohlol", m => m.Served() == v2);
        Assert.Equal(v2, (await client.Post("/v1/sequence/hello-ohlol/map", new { text = "hello" })).Body!["version"]!.GetValue<string>());

        var (promoted, _) = await client.Post($"/v1/models/hello-ohlol/versions/{v1}/promote", null);
        Assert.Equal(HttpStatusCode.OK, promoted);
        var (_, answer) = await client.Post("/v1/sequence/hello-ohlol/map", new { text = "hello" });
        Assert.Equal(v1, answer!["version"]!.GetValue<string>());
        Assert.Equal(v1, File.ReadAllText(Path.Combine(models, "hello-ohlol", "PROMOTED")).Trim());

        // An explicit ?version= still reaches the other loaded version.
        var (_, pinned) = await client.Post($"/v1/sequence/hello-ohlol/map?version={v2}", new { text = "hello" });
        Assert.Equal(v2, pinned!["version"]!.GetValue<string>());

        var (conflict, _) = await client.Send(HttpMethod.Delete, $"/v1/models/hello-ohlol/versions/{v1}");
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        var (deleted, _) = await client.Send(HttpMethod.Delete, $"/v1/models/hello-ohlol/versions/{v2}");
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.False(Directory.Exists(Path.Combine(models, "hello-ohlol", v2)));
        var (gone, _) = await client.Post($"/v1/sequence/hello-ohlol/map?version={v2}", new { text = "hello" });
        Assert.Equal(HttpStatusCode.NotFound, gone);
    }

    [Fact]
    public async Task Health_is_ready_once_promoted_models_are_loaded()
    {
        using var root = new TempDir();
        var models = Path.Combine(root.Path, "models");
        SeededStore.Promote(models, "hello-ohlol", SeededStore.AddHelloOhlol(models));
        await using var app = new SeqServeFactory(root.Path);
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.Get("/health/live")).Status);
        await client.WaitForModel("hello-ohlol", m => m.Served() is not null);
        var (status, report) = await client.Get("/health/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", report!["checks"]!["models"]!["status"]!.GetValue<string>());

        var (_, datasets) = await client.Get("/v1/datasets");
        var names = datasets!.AsArray().Select(d => d!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("co2", names);
        Assert.True(datasets.AsArray().Single(d => d!["name"]!.GetValue<string>() == "sine-cosine")!["present"]!.GetValue<bool>());
    }
}
