using System.Net;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Core.Pos;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Pos;

public class PosJobTests
{
    [Fact]
    public async Task A_job_on_a_slice_of_brown_succeeds_and_pos_answers_with_universal_tags()
    {
        using var root = new TempDir();
        await using var app = new SeqServeFactory(root.Path);
        var client = app.CreateClient();

        var id = await client.SubmitJob(new
        {
            model = "pos-slice", task = "pos", dataset = "brown",
            architecture = new { hidden = 16, embeddingDim = 16 },
            training = new { epochs = 1, maxExamples = 300, batchSize = 16 },
        });
        var job = await client.WaitForJob(id, "Succeeded");
        var version = job["version"]!.GetValue<string>();
        Assert.NotEmpty(job["metrics"]!.AsArray());
        Assert.True(job["testMetrics"]!["testAccuracy"]!.GetValue<double>() > 0.3);
        await client.WaitForModel("pos-slice", m => m.Served() == version);

        var (status, answer) = await client.Post("/v1/pos", new { model = "pos-slice", sentences = new[] { "The old man walked his dog.", "Hi!" } });
        Assert.True(status == HttpStatusCode.OK, $"{status}: {answer.Pretty()}");
        Assert.Equal("pos-slice", answer!["model"]!.GetValue<string>());
        Assert.Equal(version, answer["version"]!.GetValue<string>());
        var results = answer["results"]!.AsArray();
        Assert.Equal(2, results.Count);
        var first = results[0]!["tokens"]!.AsArray();
        Assert.Equal(["The", "old", "man", "walked", "his", "dog", "."], first.Select(t => t!["text"]!.GetValue<string>()));
        Assert.Equal(26, first[6]!["start"]!.GetValue<int>());
        foreach (var token in results.SelectMany(r => r!["tokens"]!.AsArray()))
        {
            Assert.Contains(token!["tag"]!.GetValue<string>(), UniversalTags.All);
            Assert.InRange(token["confidence"]!.GetValue<double>(), 0, 1);
        }

        var (tokStatus, tokAnswer) = await client.Post("/v1/pos?version=" + version,
            new { model = "pos-slice", tokens = new[] { new[] { "The", "cat", "sat", "." } } });
        Assert.Equal(HttpStatusCode.OK, tokStatus);
        Assert.Equal(4, tokAnswer!["results"]![0]!["tokens"]!.AsArray().Count);
    }
}
