using System.Net;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Core.Checkpoints;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Hosting;

/// <summary>
/// The shipped models are found however the service is started from the repository, and using the
/// service (training, promoting, rolling back, deleting) never changes them: what it makes goes to a
/// writable store layered over them.
/// </summary>
public class RepositoryStartTests
{
    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), CheckpointStore.Sha256);

    [Theory]
    [InlineData("")]                     // dotnet run --project src/SeqServe.Api, from the repository root
    [InlineData("src/SeqServe.Api")]     // dotnet run from the project folder
    public async Task Started_from_the_repository_without_a_storage_root_it_serves_the_shipped_models(string folder)
    {
        using var temp = new TempDir();
        await using var service = await ServiceProcess.StartInAsync(Path.Combine(TestPaths.RepoRoot, folder),
            "--Hosting:Role", "api", // the writable parts of the store go to this test's folder, not the repository's data/
            "--Storage:ModelsPath", Path.Combine(temp.Path, "models"), "--Storage:DatabasePath", Path.Combine(temp.Path, "jobs.db"));
        var shipped = new CheckpointStore(Path.Combine(TestPaths.RepoRoot, "models"));
        var model = await service.Client.WaitForModel("hello-ohlol", m => m.Promoted() is not null);
        Assert.Equal(shipped.ReadPromoted("hello-ohlol"), model["model"]!.Promoted());
        var (status, mapped) = await service.Client.Post("/v1/sequence/hello-ohlol/map", new { text = "hello" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ohlol", mapped!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Training_promoting_and_deleting_leave_the_shipped_models_as_they_were()
    {
        using var root = new TempDir();
        SeededStore.CopyShipped(Path.Combine(root.Path, "shipped"), "hello-ohlol");
        var before = Snapshot(Path.Combine(root.Path, "shipped"));
        var shippedVersion = new CheckpointStore(Path.Combine(root.Path, "shipped")).ReadPromoted("hello-ohlol")!;
        await using var factory = new SeqServeFactory(root.Path, settings: new Dictionary<string, string>
        {
            ["Storage:ModelsPath"] = "data/models", ["Storage:ShippedModelsPath"] = "shipped",
        });
        using var client = factory.CreateClient();
        await client.WaitForModel("hello-ohlol", m => m.Promoted() == shippedVersion);

        var id = await client.SubmitJob(new { dataset = "hello-ohlol", training = new { epochs = 5 } }); // retrains the shipped model's name
        var version = (await client.WaitForJob(id, "Succeeded"))["version"]!.GetValue<string>();
        await client.WaitForModel("hello-ohlol", m => m.Promoted() == version);
        Assert.True(File.Exists(Path.Combine(root.Path, "data", "models", "hello-ohlol", version, CheckpointManifest.FileName)));

        var (refused, problem) = await client.Send(HttpMethod.Delete, $"/v1/models/hello-ohlol/versions/{shippedVersion}");
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Contains("shipped", problem.Pretty());

        var (rolledBack, _) = await client.Post($"/v1/models/hello-ohlol/versions/{shippedVersion}/promote", null);
        Assert.Equal(HttpStatusCode.OK, rolledBack);
        await client.WaitForModel("hello-ohlol", m => m.Promoted() == shippedVersion);
        var (deleted, _) = await client.Send(HttpMethod.Delete, $"/v1/models/hello-ohlol/versions/{version}");
        Assert.Equal(HttpStatusCode.NoContent, deleted);

        Assert.Equal(before, Snapshot(Path.Combine(root.Path, "shipped")));
    }
}
