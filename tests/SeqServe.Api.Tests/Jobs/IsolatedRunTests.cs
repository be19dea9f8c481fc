using System.Net;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Core.Sequence.SineCosine;
using SeqServe.Core.Training;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Jobs;

/// <summary>Each run trains in a child process: what kills the child fails that run only.</summary>
public class IsolatedRunTests
{
    [Fact]
    public async Task A_run_that_runs_out_of_memory_fails_with_the_reason_while_the_service_keeps_serving()
    {
        using var root = new TempDir();
        SeededStore.AddQuick(Path.Combine(root.Path, "models"), new SineCosineRecipe(), "sine-cosine",
            new JobSpec { Training = new TrainingSpec { Epochs = 1, MaxExamples = 16 } });
        // The child's managed heap is capped at 16 MB: building 200,000 training windows cannot fit.
        await using var app = new SeqServeFactory(root.Path, settings: new Dictionary<string, string>
        {
            ["Worker:ChildEnvironment:DOTNET_GCHeapHardLimit"] = "0x1000000",
        });
        var client = app.CreateClient();
        await client.WaitForModel("sine-cosine", m => m.Served() is not null);
        var id = await client.SubmitJob(new
        {
            dataset = "sine-cosine", model = "too-big", training = new { epochs = 3, maxExamples = 200_000 },
        });

        var failed = await client.WaitForJob(id, "Failed");
        Assert.Contains("ran out of memory", failed["error"]!.GetValue<string>());
        Assert.Equal(1, failed["attempts"]!.GetValue<int>());
        var (status, prediction) = await client.Post("/v1/sequence/sine-cosine/predict", new { inputs = new[] { new[] { 0.1, 0.2 } } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(prediction!["outputs"]);
        Assert.False(Directory.Exists(Path.Combine(app.ModelsDir, "too-big")), "the failed run left its model folder behind");
    }

    [Fact]
    public async Task Cancel_is_honoured_while_a_run_is_still_building_its_data()
    {
        using var root = new TempDir();
        await using var app = new SeqServeFactory(root.Path, settings: new Dictionary<string, string>
        {
            ["Worker:ChildGraceSeconds"] = "1",
        });
        var client = app.CreateClient();
        // 3,000,000 windows take a while to generate and would then train for hours: cancel lands while the data is built.
        var id = await client.SubmitJob(new
        {
            dataset = "sine-cosine", model = "never-built", training = new { epochs = 500, maxExamples = 3_000_000, patience = 100 },
        });
        await client.WaitForJob(id, "Running");
        Assert.Equal(HttpStatusCode.Accepted, (await client.Post($"/v1/jobs/{id}/cancel", null)).Status);
        var cancelled = await client.WaitForJob(id, "Cancelled");
        Assert.Null(cancelled["version"]);
        Assert.Equal(0, cancelled["progress"]!["epoch"]!.GetValue<int>());
        Assert.False(Directory.Exists(Path.Combine(app.ModelsDir, "never-built")));
    }
}
