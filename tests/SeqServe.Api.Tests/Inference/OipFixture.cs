using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Inference;

/// <summary>One running service (no worker) serving copies of the shipped models of every kind, for the /v2 tests.</summary>
public sealed class OipFixture : IAsyncLifetime
{
    public static readonly string[] Models =
    [
        "sentiment-imdb", "pos-brown", "sine-cosine", "co2-forecast", "mnist-rows", "hello-ohlol", "seattle-weather-forecast", "moby-dick-chars",
    ];

    private readonly TempDir root = new();
    private SeqServeFactory? app;

    public HttpClient Client { get; private set; } = null!;
    public SeqServeFactory App => app!;

    public async Task InitializeAsync()
    {
        foreach (var model in Models) SeededStore.CopyShipped(Path.Combine(root.Path, "models"), model);
        app = new SeqServeFactory(root.Path, worker: false);
        Client = app.CreateClient();
        foreach (var model in Models)
            await Client.WaitForModel(model, m => m.Promoted() is { } v && m.Version(v)?["state"]?.GetValue<string>() == "Ready");
    }

    /// <summary>The version the model serves.</summary>
    public async Task<string> Served(string model) => (await Client.WaitForModel(model, m => m.Promoted() is not null))["model"]!.Promoted()!;

    public async Task DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        root.Dispose();
    }
}
