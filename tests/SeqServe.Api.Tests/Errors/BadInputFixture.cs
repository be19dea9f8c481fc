using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Core.Sequence.Forecasting;
using SeqServe.Core.Sequence.SineCosine;
using SeqServe.Core.Training;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Errors;

/// <summary>One running service with a per-step, a forecast and a map model, shared by the bad-input tests.</summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    private readonly TempDir root = new();
    private SeqServeFactory? app;

    public HttpClient Client { get; private set; } = null!;
    public SeqServeFactory App => app!;

    public async Task InitializeAsync()
    {
        var models = Path.Combine(root.Path, "models");
        var tiny = new JobSpec { Training = new TrainingSpec { Epochs = 1, MaxExamples = 16 } };
        SeededStore.AddQuick(models, new SineCosineRecipe(), "sine-cosine", tiny);
        SeededStore.AddQuick(models, new Co2ForecastRecipe(), "co2-forecast", tiny);
        SeededStore.AddHelloOhlol(models);
        app = new SeqServeFactory(root.Path, worker: false);
        Client = app.CreateClient();
        foreach (var name in new[] { "sine-cosine", "co2-forecast", "hello-ohlol" })
            await Client.WaitForModel(name, m => m.Served() is not null);
    }

    public async Task DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        root.Dispose();
    }
}
