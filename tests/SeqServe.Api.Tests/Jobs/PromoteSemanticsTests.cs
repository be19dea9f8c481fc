using System.Net;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Jobs;

/// <summary>
/// <c>promote: false</c> never changes what is served: a new model made that way is listed but not served until it is
/// promoted, and a model already serving keeps its version — also after a restart, when the registry picks again.
/// </summary>
public class PromoteSemanticsTests
{
    private static object HelloJob(string model, bool promote) =>
        new { dataset = "hello-ohlol", model, promote, training = new { epochs = 3 } };

    [Fact]
    public async Task A_new_model_trained_with_promote_false_is_listed_not_served_until_promoted()
    {
        using var root = new TempDir();
        await using var app = new SeqServeFactory(root.Path);
        var client = app.CreateClient();
        var job = await client.WaitForJob(await client.SubmitJob(HelloJob("held-hello", promote: false)), "Succeeded");
        var version = job["version"]!.GetValue<string>();

        var listed = (await client.WaitForModel("held-hello", m => m.Version(version)?["state"]?.GetValue<string>() == "Ready"))["model"]!;
        Assert.Null(listed.Served());
        Assert.Null(listed.Promoted());
        Assert.True(listed.Version(version)!["held"]!.GetValue<bool>());
        var (_, all) = await client.Get("/v1/models");
        Assert.Contains(all!.AsArray(), m => m!["name"]!.GetValue<string>() == "held-hello" && m["servedVersion"] is null);

        var (status, problem) = await client.Post("/v1/sequence/held-hello/map", new { text = "hello" });
        Assert.Equal(HttpStatusCode.NotFound, status);
        var detail = problem!["detail"]!.GetValue<string>();
        Assert.Contains("no promoted version", detail);
        Assert.Contains($"/v1/models/held-hello/versions/{{version}}/promote", detail);

        var (promoted, _) = await client.Post($"/v1/models/held-hello/versions/{version}/promote", null);
        Assert.Equal(HttpStatusCode.OK, promoted);
        var (served, answer) = await client.Post("/v1/sequence/held-hello/map", new { text = "hello" });
        Assert.Equal(HttpStatusCode.OK, served);
        Assert.Equal(version, answer!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_promote_false_run_leaves_the_served_version_of_an_existing_model_unchanged_also_after_a_restart()
    {
        using var root = new TempDir();
        var seeded = SeededStore.AddHelloOhlol(Path.Combine(root.Path, "models"), "steady-hello"); // no PROMOTED file: served as the newest
        string trained;
        await using (var app = new SeqServeFactory(root.Path))
        {
            var client = app.CreateClient();
            await client.WaitForModel("steady-hello", m => m.Served() == seeded);
            var job = await client.WaitForJob(await client.SubmitJob(HelloJob("steady-hello", promote: false)), "Succeeded");
            trained = job["version"]!.GetValue<string>();
            var model = (await client.WaitForModel("steady-hello", m => m.Version(trained)?["state"]?.GetValue<string>() == "Ready"))["model"]!;
            Assert.Equal(seeded, model.Served());
            Assert.True(string.CompareOrdinal(trained, seeded) > 0, "the run's version is the newest");
        }

        // Restarted: the registry chooses again, and the newest version that is not held is still the seeded one.
        await using var restarted = new SeqServeFactory(root.Path, worker: false);
        var again = restarted.CreateClient();
        var listed = (await again.WaitForModel("steady-hello", m => m.Served() is not null && m.Version(trained) is not null))["model"]!;
        Assert.Equal(seeded, listed.Served());
        var (status, answer) = await again.Post("/v1/sequence/steady-hello/map", new { text = "hello" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(seeded, answer!["version"]!.GetValue<string>());
    }
}
