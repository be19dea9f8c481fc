using System.Net;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Core.Pos;
using SeqServe.Core.Training;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Pos;

/// <summary>A service serving a quickly trained tagger with self-attention ("pos-attention") and one without ("pos-plain").</summary>
public sealed class PosExplainFixture : IAsyncLifetime
{
    private readonly TempDir root = new();
    private SeqServeFactory? app;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var models = Path.Combine(root.Path, "models");
        var training = new TrainingSpec { Epochs = 1, MaxExamples = 64 };
        SeededStore.AddQuick(models, new BrownPosRecipe(), "pos-attention", new JobSpec
        {
            Architecture = new ArchitectureSpec { Hidden = 8, EmbeddingDim = 8, Attention = "self", Heads = 2 }, Training = training,
        });
        SeededStore.AddQuick(models, new BrownPosRecipe(), "pos-plain", new JobSpec
        {
            Architecture = new ArchitectureSpec { Hidden = 8, EmbeddingDim = 8 }, Training = training,
        });
        app = new SeqServeFactory(root.Path, worker: false);
        Client = app.CreateClient();
        foreach (var name in new[] { "pos-attention", "pos-plain" })
            await Client.WaitForModel(name, m => m.Served() is { } v && m.Version(v)?["state"]?.GetValue<string>() == "Ready");
    }

    public async Task DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        root.Dispose();
    }
}

public class PosExplainTests(PosExplainFixture fixture) : IClassFixture<PosExplainFixture>
{
    [Fact]
    public async Task Explain_returns_per_token_attention_rows_over_the_sentence_summing_to_one()
    {
        var (status, answer) = await fixture.Client.Post("/v1/pos",
            new { model = "pos-attention", explain = true, sentences = new[] { "The old man walked his dog.", "She ran." } });
        Assert.True(status == HttpStatusCode.OK, $"{status}: {answer.Pretty()}");
        foreach (var result in answer!["results"]!.AsArray())
        {
            var tokens = result!["tokens"]!.AsArray().Count;
            var rows = result["attention"]!.AsArray();
            Assert.Equal(tokens, rows.Count);
            Assert.All(rows, row =>
            {
                Assert.Equal(tokens, row!.AsArray().Count);
                Assert.Equal(1.0, row.AsArray().Sum(w => w!.GetValue<double>()), 4);
            });
        }
        var (_, plain) = await fixture.Client.Post("/v1/pos", new { model = "pos-attention", sentences = new[] { "She ran." } });
        Assert.Null(plain!["results"]![0]!["attention"]); // without explain the answer is as before
    }

    [Fact]
    public async Task Explaining_a_model_without_attention_is_a_400_naming_explain()
    {
        var (status, problem) = await fixture.Client.Post("/v1/pos", new { model = "pos-plain", explain = true, sentences = new[] { "She ran." } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem!["errors"]!["explain"]);
    }
}
