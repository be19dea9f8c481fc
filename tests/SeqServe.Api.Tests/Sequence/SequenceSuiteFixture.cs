using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Core.Sequence.CharGeneration;
using SeqServe.Core.Sequence.Mnist;
using SeqServe.Core.Sequence.SineCosine;
using SeqServe.Core.Sequence.Weather;
using SeqServe.Core.Training;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Sequence;

/// <summary>A clock the tests move by hand (session expiry).</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset now = DateTimeOffset.UtcNow;
    public override DateTimeOffset GetUtcNow() => now;
    public void Advance(TimeSpan by) => now += by;
}

/// <summary>
/// One service holding tiny models of every sequence-suite recipe (trained in seconds on slices of the
/// real data), with a hand-moved clock and at most <see cref="MaxSessions"/> sessions.
/// </summary>
public sealed class SequenceSuiteFixture : IAsyncLifetime
{
    public const int MaxSessions = 4;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(5);

    private readonly TempDir root = new();
    private SeqServeFactory? factory;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>? app;

    public HttpClient Client { get; private set; } = null!;
    public ManualClock Clock { get; } = new();
    public string ModelsDir => Path.Combine(root.Path, "models");
    public string SineVersion { get; private set; } = "";

    public async Task InitializeAsync()
    {
        SeededStore.AddQuick(ModelsDir, new MnistRecipe(), "mnist-rows", new JobSpec
        {
            Architecture = new ArchitectureSpec { Hidden = 16, Layers = 1 },
            Training = new TrainingSpec { Epochs = 1, MaxExamples = 512, LearningRate = 0.01 },
        });
        SeededStore.AddQuick(ModelsDir, new CharGenerationRecipe(), "moby-dick-chars", new JobSpec
        {
            Architecture = new ArchitectureSpec { Hidden = 16, Layers = 1, EmbeddingDim = 8, Window = 20 },
            Training = new TrainingSpec { Epochs = 1, BatchSize = 8, MaxExamples = 4000 },
        });
        SeededStore.AddQuick(ModelsDir, new WeatherForecastRecipe(), "seattle-weather-forecast", new JobSpec
        {
            Architecture = new ArchitectureSpec { Hidden = 8, Window = 14 },
            Training = new TrainingSpec { Epochs = 1, MaxExamples = 64 },
        });
        SineVersion = SeededStore.AddQuick(ModelsDir, new SineCosineRecipe(), "sine-cosine",
            new JobSpec { Training = new TrainingSpec { Epochs = 1, MaxExamples = 16 } });

        factory = new SeqServeFactory(root.Path, worker: false);
        app = factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Sessions:MaxSessions", MaxSessions.ToString());
            builder.UseSetting("Sessions:IdleTimeout", IdleTimeout.ToString());
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        });
        Client = app.CreateClient();
        foreach (var name in new[] { "mnist-rows", "moby-dick-chars", "seattle-weather-forecast", "sine-cosine" })
            await Client.WaitForModel(name, m => m.Served() is not null);
    }

    public async Task DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        if (factory is not null) await factory.DisposeAsync();
        root.Dispose();
    }
}

/// <summary>The sequence-suite API tests share one service (its models take a few seconds to train).</summary>
[CollectionDefinition(Name)]
public sealed class SequenceSuiteCollection : ICollectionFixture<SequenceSuiteFixture>
{
    public const string Name = "sequence-suite";
}
