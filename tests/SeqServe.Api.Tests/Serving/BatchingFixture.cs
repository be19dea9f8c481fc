using Microsoft.Extensions.DependencyInjection;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Core.Serving.Batching;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Serving;

/// <summary>
/// One service (no worker) serving copies of the shipped sentiment-imdb and hello-ohlol checkpoints with one
/// inference thread and a small queue (<see cref="QueueLimit"/> items per model), so tests can fill it.
/// </summary>
public sealed class BatchingFixture : IAsyncLifetime
{
    public const int QueueLimit = 64;
    private readonly TempDir root = new();
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>? app;
    private SeqServeFactory? factory;

    public HttpClient Client { get; private set; } = null!;
    public InferenceScheduler Scheduler => app!.Services.GetRequiredService<InferenceScheduler>();

    public async Task InitializeAsync()
    {
        var models = Path.Combine(root.Path, "models");
        SeededStore.CopyShipped(models, "sentiment-imdb");
        SeededStore.CopyShipped(models, "hello-ohlol");
        factory = new SeqServeFactory(root.Path, worker: false);
        app = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Serving:Batching:QueueLimit", QueueLimit.ToString());
            b.UseSetting("Serving:Batching:MaxDelayMs", "2");
            b.UseSetting("Serving:InferenceThreads", "1");
        });
        Client = app.CreateClient();
        foreach (var model in new[] { "sentiment-imdb", "hello-ohlol" })
            await Client.WaitForModel(model, m => m.Served() is { } v && m.Version(v)?["state"]?.GetValue<string>() == "Ready");
    }

    public async Task DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        if (factory is not null) await factory.DisposeAsync();
        root.Dispose();
    }
}
