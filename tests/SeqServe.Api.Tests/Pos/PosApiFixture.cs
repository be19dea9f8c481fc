using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Core.Pos;
using SeqServe.Core.Training;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Pos;

/// <summary>
/// One running service (no worker) serving a quickly trained tagger as "pos-tiny" (quality irrelevant),
/// or, with <see cref="ShippedDefault"/>, the checkpoint shipped in the repository's models/pos-brown.
/// </summary>
public class PosApiFixture : IAsyncLifetime
{
    protected virtual bool ShippedDefault => false;
    /// <summary>With <see cref="ShippedDefault"/>: the shipped model to serve.</summary>
    protected virtual string ShippedModel => "pos-brown";

    private readonly TempDir root = new();
    private SeqServeFactory? app;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var models = Path.Combine(root.Path, "models");
        var name = ShippedDefault ? ShippedModel : "pos-tiny";
        if (ShippedDefault)
            SeededStore.CopyShipped(models, name);
        else
            SeededStore.AddQuick(models, new BrownPosRecipe(), name, new JobSpec
            {
                Architecture = new ArchitectureSpec { Hidden = 8, EmbeddingDim = 8 },
                Training = new TrainingSpec { Epochs = 1, MaxExamples = 64 },
            });
        app = new SeqServeFactory(root.Path, worker: false);
        Client = app.CreateClient();
        await Client.WaitForModel(name, m => m.Served() is { } v && m.Version(v)?["state"]?.GetValue<string>() == "Ready");
    }

    public async Task DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        root.Dispose();
    }
}

/// <summary>The shipped default checkpoint, served as it is in the repository.</summary>
public sealed class ShippedPosFixture : PosApiFixture
{
    protected override bool ShippedDefault => true;
}

/// <summary>The shipped Chinese checkpoint (models/pos-zh), served as it is in the repository.</summary>
public sealed class ShippedChinesePosFixture : PosApiFixture
{
    protected override bool ShippedDefault => true;
    protected override string ShippedModel => "pos-zh";
}
