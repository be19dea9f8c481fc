using System.Net;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Serving;

/// <summary>Promoting versions back and forth under load loses no request, and every answer comes from the version it names.</summary>
public class VersionSwapTests
{
    [Fact]
    public async Task A_version_swap_during_load_loses_no_request_and_each_answer_names_its_version()
    {
        using var root = new TempDir();
        var models = Path.Combine(root.Path, "models");
        var first = SeededStore.AddQuickSineCosine(models, seed: 1);
        var second = SeededStore.AddQuickSineCosine(models, seed: 2);
        SeededStore.Promote(models, "sine-cosine", first);
        await using var app = new SeqServeFactory(root.Path, worker: false);
        var client = app.CreateClient();
        await client.WaitForModel("sine-cosine", m => m.Served() == first &&
            new[] { first, second }.All(v => m.Version(v)?["state"]?.GetValue<string>() == "Ready"));

        var body = new { inputs = new[] { new[] { 0.0, 0.1, 0.2, 0.3, 0.4, 0.5 } } };
        var expected = new Dictionary<string, float[]>();
        foreach (var version in new[] { first, second })
            expected[version] = Outputs((await client.Post($"/v1/sequence/sine-cosine/predict?version={version}", body)).Body!);
        Assert.NotEqual(expected[first], expected[second]); // the two versions can be told apart by their answers

        var load = Enumerable.Range(0, 8).Select(async _ =>
        {
            var answers = new List<(HttpStatusCode, string?, float[]?)>();
            for (var i = 0; i < 25; i++)
            {
                var (status, answer) = await client.Post("/v1/sequence/sine-cosine/predict", body);
                answers.Add((status, answer?["version"]?.GetValue<string>(), status == HttpStatusCode.OK ? Outputs(answer!) : null));
            }
            return answers;
        }).ToList();
        for (var swap = 0; swap < 6; swap++)
        {
            var (status, _) = await client.Post($"/v1/models/sine-cosine/versions/{(swap % 2 == 0 ? second : first)}/promote", null);
            Assert.Equal(HttpStatusCode.OK, status);
            await Task.Delay(20);
        }
        var all = (await Task.WhenAll(load)).SelectMany(a => a).ToList();

        Assert.Equal(200, all.Count);
        foreach (var (status, version, outputs) in all)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(version == first || version == second, $"answered by '{version}'");
            var want = expected[version!];
            Assert.All(outputs!.Zip(want), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-5, $"{version}: {p.First} vs {p.Second}"));
        }
    }

    private static float[] Outputs(System.Text.Json.Nodes.JsonNode answer) =>
        [.. answer["outputs"]![0]!.AsArray().Select(v => v!.GetValue<float>())];
}
