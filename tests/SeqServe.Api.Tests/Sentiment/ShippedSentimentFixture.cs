using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Sentiment;

/// <summary>One running service (no worker) serving a copy of the shipped sentiment-imdb checkpoint from models/.</summary>
public sealed class ShippedSentimentFixture : IAsyncLifetime
{
    public const string Model = "sentiment-imdb";
    private readonly TempDir root = new();
    private SeqServeFactory? app;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        SeededStore.CopyShipped(Path.Combine(root.Path, "models"), Model);
        app = new SeqServeFactory(root.Path, worker: false);
        Client = app.CreateClient();
        await Client.WaitForModel(Model, m => m.Served() is { } v && m.Version(v)?["state"]?.GetValue<string>() == "Ready");
    }

    public async Task DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        root.Dispose();
    }
}
