using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SeqServe.Api.Models;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Models;

/// <summary>
/// Loaded versions are disposed once nothing uses them, and at most Serving:ResidentVersions of a model
/// stay in memory; a version that is not resident still answers <c>?version=</c>.
/// </summary>
public class ResidencyTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_removed_version_is_disposed_once_after_its_in_flight_request_returns()
    {
        using var root = new TempDir();
        var models = Path.Combine(root.Path, "models");
        FakeVersions.AddVersions(models, "fake", "v1", "v2");
        SeededStore.Promote(models, "fake", "v1");
        var fake = new FakeVersions();
        await using var app = new SeqServeFactory(root.Path, worker: false, services: s => s.AddSingleton<IVersionLoader>(fake));
        var client = app.CreateClient();
        await client.WaitForModel("fake", m => m.Served() == "v1" && m.Version("v2")?["state"]?.GetValue<string>() == "Ready");

        // A request is inside v1's forward pass when v1 stops being served and is deleted.
        var held = client.Post("/v1/sequence/fake/map", new { text = FakeVersions.Hold });
        Assert.True(fake.Entered.Wait(Bounded), "the held request never reached the model");
        Assert.Equal(HttpStatusCode.OK, (await client.Post("/v1/models/fake/versions/v2/promote", null)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await client.Send(HttpMethod.Delete, "/v1/models/fake/versions/v1")).Status);
        var v1 = fake.Of("v1").Single();
        Assert.Equal(0, v1.Disposals); // still in use: never disposed under a running pass

        fake.Release.Set();
        var (status, answer) = await held;
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("v1", answer!["version"]!.GetValue<string>());
        Assert.Equal("v1:hold", answer["text"]!.GetValue<string>());

        await Until(() => v1.Disposals > 0, "v1 disposed after its last request");
        Assert.Equal(1, v1.Disposals);
        Assert.Equal(0, fake.Of("v2").Single().Disposals);
        Assert.Equal("v2:abc", (await client.Post("/v1/sequence/fake/map", new { text = "abc" })).Body!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task At_most_ResidentVersions_stay_loaded_and_an_unloaded_version_is_loaded_on_demand()
    {
        using var root = new TempDir();
        var models = Path.Combine(root.Path, "models");
        FakeVersions.AddVersions(models, "fake", "v1", "v2", "v3", "v4");
        SeededStore.Promote(models, "fake", "v4");
        var fake = new FakeVersions();
        await using var app = new SeqServeFactory(root.Path, worker: false, services: s => s.AddSingleton<IVersionLoader>(fake));
        var client = app.CreateClient();
        var model = await client.WaitForModel("fake", m => m.Served() == "v4" && m["versions"]!.AsArray().Count == 4);
        await Until(() => fake.Live == 2, "two versions resident after the first scan");
        Assert.Equal(2, States(model["model"]!).Count(s => s == "Ready"));
        Assert.Equal(2, States(model["model"]!).Count(s => s == "Unloaded"));

        foreach (var version in new[] { "v1", "v2", "v3", "v1" })
        {
            var (status, answer) = await client.Post($"/v1/sequence/fake/map?version={version}", new { text = "abc" });
            Assert.True(status == HttpStatusCode.OK, answer.Pretty());
            Assert.Equal($"{version}:abc", answer!["text"]!.GetValue<string>());
            await Until(() => fake.Live == 2, $"two versions resident after asking {version}");
            var now = (await client.Get("/v1/models/fake")).Body!["model"]!;
            Assert.Equal("Ready", now.Version(version)!["state"]!.GetValue<string>());
            Assert.Equal("Ready", now.Version("v4")!["state"]!.GetValue<string>()); // the served version is never unloaded
            Assert.Equal(2, States(now).Count(s => s == "Ready"));
        }
        Assert.All(fake.Loaded, m => Assert.True(m.Disposals <= 1, $"{m.Version} disposed {m.Disposals} times"));
        Assert.Equal(fake.Loaded.Count - 2, fake.Loaded.Count(m => m.Disposals == 1));
    }

    [Fact]
    public async Task Real_checkpoints_beyond_the_limit_are_listed_unloaded_and_still_answer()
    {
        using var root = new TempDir();
        var models = Path.Combine(root.Path, "models");
        var versions = new[] { 1, 2, 3 }.Select(seed => SeededStore.AddHelloOhlol(models, seed: seed)).ToArray();
        SeededStore.Promote(models, "hello-ohlol", versions[2]);
        await using var app = new SeqServeFactory(root.Path, worker: false, settings: new Dictionary<string, string> { ["Serving:ResidentVersions"] = "1" });
        var client = app.CreateClient();
        var model = await client.WaitForModel("hello-ohlol", m => m.Served() == versions[2] && m["versions"]!.AsArray().Count == 3);
        Assert.Equal(["Unloaded", "Unloaded", "Ready"], States(model["model"]!));

        var (status, answer) = await client.Post($"/v1/sequence/hello-ohlol/map?version={versions[0]}", new { text = "hello" });
        Assert.True(status == HttpStatusCode.OK, answer.Pretty());
        Assert.Equal(versions[0], answer!["version"]!.GetValue<string>());
        Assert.Equal(5, answer["text"]!.GetValue<string>().Length);
        // Loaded for that request only: with one resident version, it is unloaded again once it has answered.
        var after = (await client.Get("/v1/models/hello-ohlol")).Body!["model"]!;
        Assert.Equal(["Unloaded", "Unloaded", "Ready"], States(after));
        Assert.Equal(versions[2], (await client.Post("/v1/sequence/hello-ohlol/map", new { text = "hello" })).Body!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_open_session_keeps_its_version_usable_after_it_is_unloaded()
    {
        using var root = new TempDir();
        var models = Path.Combine(root.Path, "models");
        var first = SeededStore.AddQuickSineCosine(models, seed: 1);
        var second = SeededStore.AddQuickSineCosine(models, seed: 2);
        SeededStore.Promote(models, "sine-cosine", first);
        await using var app = new SeqServeFactory(root.Path, worker: false, settings: new Dictionary<string, string> { ["Serving:ResidentVersions"] = "1" });
        var client = app.CreateClient();
        await client.WaitForModel("sine-cosine", m => m.Served() == first && m["versions"]!.AsArray().Count == 2);

        var (created, session) = await client.Post("/v1/sequence/sine-cosine/sessions", null);
        Assert.True(created == HttpStatusCode.Created, session.Pretty());
        var id = session!["sessionId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await client.Post($"/v1/models/sine-cosine/versions/{second}/promote", null)).Status);
        var model = (await client.Get("/v1/models/sine-cosine")).Body!["model"]!;
        Assert.Equal("Unloaded", model.Version(first)!["state"]!.GetValue<string>()); // one resident version: the served one

        // The session still steps on the version that opened it: its lease keeps that model alive.
        var (status, step) = await client.Post($"/v1/sequence/sine-cosine/sessions/{id}/step", new { inputs = new[] { 0.0, 0.1, 0.2 } });
        Assert.True(status == HttpStatusCode.OK, step.Pretty());
        Assert.Equal(first, step!["version"]!.GetValue<string>());
        Assert.Equal(3, step["outputs"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.NoContent, (await client.Send(HttpMethod.Delete, $"/v1/sequence/sine-cosine/sessions/{id}")).Status);
    }

    private static List<string> States(System.Text.Json.Nodes.JsonNode model) =>
        [.. model["versions"]!.AsArray().Select(v => v!["state"]!.GetValue<string>())];

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bounded;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"not reached in {Bounded.TotalSeconds} s: {what}");
            await Task.Delay(20);
        }
    }
}
