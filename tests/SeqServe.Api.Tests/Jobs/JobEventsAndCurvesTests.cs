using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using SeqServe.Api.Tests.Infrastructure;
using System.Text.Json;
using SeqServe.Core.Checkpoints;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Jobs;

public class JobEventsAndCurvesTests
{
    private static async Task<List<(string Type, JsonNode Data)>> ReadEvents(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/v1/jobs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(); // ends when the run ends (and, when it promotes, serves)
        var events = new List<(string, JsonNode)>();
        foreach (var block in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n');
            var type = lines.Single(l => l.StartsWith("event: ", StringComparison.Ordinal))["event: ".Length..];
            var data = string.Concat(lines.Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]));
            events.Add((type, JsonNode.Parse(data)!));
        }
        return events;
    }

    [Fact]
    public async Task Events_are_small_and_typed_and_end_once_the_new_version_serves()
    {
        using var root = new TempDir();
        await using var app = new SeqServeFactory(root.Path);
        var client = app.CreateClient();
        var id = await client.SubmitJob(new { dataset = "hello-ohlol", model = "events", training = new { epochs = 3 } });

        var events = await ReadEvents(client, id);
        var answer = await client.Post("/v1/sequence/events/map", new { text = "hello" }); // right after the stream closed

        var (_, job) = await client.Get($"/v1/jobs/{id}");
        var version = job!["version"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(version, answer.Body!["version"]!.GetValue<string>());

        Assert.Equal("state", events[0].Type);
        var (lastType, last) = events[^1];
        Assert.Equal("served", lastType);
        Assert.True(last["served"]!.GetValue<bool>(), last.Pretty());
        Assert.Equal(version, last["version"]!.GetValue<string>());
        Assert.Contains(events, e => e.Type == "state" && e.Data["state"]!.GetValue<string>() == "Succeeded");
        Assert.Equal([1, 2, 3], events.Where(e => e.Type == "epoch").Select(e => e.Data["epoch"]!.GetValue<int>()));
        var progress = events.Where(e => e.Type == "progress").Select(e => e.Data).ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, p =>
        {
            Assert.InRange(p["epoch"]!.GetValue<int>(), 1, 3);
            Assert.True(p["elapsedSeconds"]!.GetValue<double>() >= 0);
            Assert.NotNull(p["loss"]);
            Assert.Null(p["metrics"]); // no whole job resource per event
        });
    }

    [Fact]
    public async Task A_run_without_promote_ends_with_its_final_state_and_no_served_event()
    {
        using var root = new TempDir();
        await using var app = new SeqServeFactory(root.Path);
        var client = app.CreateClient();
        var id = await client.SubmitJob(new { dataset = "hello-ohlol", model = "quiet", promote = false, training = new { epochs = 1 } });

        var events = await ReadEvents(client, id);
        Assert.Equal("state", events[^1].Type);
        Assert.Equal("Succeeded", events[^1].Data["state"]!.GetValue<string>());
        Assert.DoesNotContain(events, e => e.Type == "served");
    }

    [Fact]
    public async Task Curves_are_drawn_per_run_and_kept_hashed_in_the_version_folder()
    {
        using var root = new TempDir();
        await using var app = new SeqServeFactory(root.Path);
        var client = app.CreateClient();
        var (none, problem) = await client.Get("/v1/jobs/no-such-job/curves.png");
        Assert.Equal(HttpStatusCode.NotFound, none);
        Assert.Contains("no-such-job", problem!["detail"]!.GetValue<string>());

        var id = await client.SubmitJob(new { dataset = "hello-ohlol", model = "curvy", training = new { epochs = 2 } });
        var job = await client.WaitForJob(id, "Succeeded");

        var png = await client.GetByteArrayAsync($"/v1/jobs/{id}/curves.png");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        using var svgResponse = await client.GetAsync($"/v1/jobs/{id}/curves.svg");
        Assert.Equal("image/svg+xml", svgResponse.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await svgResponse.Content.ReadAsStringAsync());
        Assert.Equal("svg", svg.Root!.Name.LocalName);

        var version = job["version"]!.GetValue<string>();
        var folder = Path.Combine(app.ModelsDir, "curvy", version);
        var kept = await File.ReadAllBytesAsync(Path.Combine(folder, "curves.png"));
        Assert.Equal(png[..8], kept[..8]);
        var manifest = JsonSerializer.Deserialize<CheckpointManifest>(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json")), CheckpointManifest.Json)!;
        Assert.Contains("curves.png", manifest.Files.Keys);
    }
}
