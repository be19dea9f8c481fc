using System.Net;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Sentiment;

public class SentimentJobTests
{
    [Fact]
    public async Task A_small_imdb_job_produces_a_version_that_scores_texts()
    {
        using var root = new TempDir();
        await using var app = new SeqServeFactory(root.Path);
        var client = app.CreateClient();
        var id = await client.SubmitJob(new
        {
            model = "sentiment-small", task = "sentiment", dataset = "imdb",
            architecture = new { cell = "gru", hidden = 8, maxTokens = 64, maxVocabulary = 2000 },
            training = new { epochs = 1, maxExamples = 300, batchSize = 32 },
            promote = true,
        });
        var job = await client.WaitForJob(id, "Succeeded");
        var version = job["version"]!.GetValue<string>();
        await client.WaitForModel("sentiment-small", m => m.Served() == version);

        var (status, body) = await client.Post("/v1/sentiment",
            new { texts = new[] { "Great fun from start to finish.", "Boring and far too long." }, model = "sentiment-small" });
        Assert.True(status == HttpStatusCode.OK, body.Pretty());
        Assert.Equal("sentiment-small", body!["model"]!.GetValue<string>());
        Assert.Equal(version, body["version"]!.GetValue<string>());
        Assert.All(body["results"]!.AsArray(), r => Assert.InRange(r!["score"]!.GetValue<float>(), 0f, 1f));

        var (_, model) = await client.Get("/v1/models/sentiment-small");
        Assert.Equal("sentiment", model!["model"]!["task"]!.GetValue<string>());
    }
}
