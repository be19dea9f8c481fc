using System.Net;
using System.Text.Json.Nodes;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Cluster;

/// <summary>
/// Several nodes on one PostgreSQL job store (Quartz's clustered store): an API node in this process,
/// worker nodes as real processes that can be killed without shutdown.
/// </summary>
[Collection(PostgresCollection.Name)]
public class ClusterTests(PostgresServer postgres)
{
    private static object SmallJob(string model, int epochs = 2) => new
    {
        dataset = "sine-cosine", model,
        training = new { epochs, maxExamples = 300, patience = 10 },
        promote = false,
    };

    [Fact]
    public async Task A_job_accepted_while_no_worker_runs_is_trained_once_a_worker_starts()
    {
        using var root = new TempDir();
        var cs = await postgres.CreateDatabaseAsync();
        await using var api = ApiNode(root.Path, cs);
        var client = api.CreateClient();
        var ids = new[] { await client.SubmitJob(SmallJob("waiting-a")), await client.SubmitJob(SmallJob("waiting-b")) };
        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var id in ids) Assert.Equal("Queued", (await client.Get($"/v1/jobs/{id}")).Body!["state"]!.GetValue<string>());

        await using var worker = await WorkerNode(root.Path, cs);
        foreach (var id in ids)
        {
            var done = await client.WaitForJob(id, "Succeeded");
            Assert.Equal(1, done["attempts"]!.GetValue<int>());
            Assert.True(File.Exists(Path.Combine(root.Path, "models", done["model"]!.GetValue<string>(),
                done["version"]!.GetValue<string>(), "manifest.json")));
        }
    }

    [Fact]
    public async Task Two_workers_share_one_queue_and_no_job_runs_twice()
    {
        using var root = new TempDir();
        var cs = await postgres.CreateDatabaseAsync();
        await using var api = ApiNode(root.Path, cs);
        var client = api.CreateClient();
        await using var first = await WorkerNode(root.Path, cs);
        await using var second = await WorkerNode(root.Path, cs);

        var ids = new List<string>();
        for (var i = 0; i < 6; i++) ids.Add(await client.SubmitJob(SmallJob($"shared-{i}", epochs: 3)));
        var nodes = new HashSet<string>();
        foreach (var id in ids)
        {
            var done = await client.WaitForJob(id, "Succeeded");
            Assert.True(done["attempts"]!.GetValue<int>() == 1, $"job {id} ran {done["attempts"]} times:\n{first.OutputTail}\n{second.OutputTail}");
            nodes.Add(done["node"]!.GetValue<string>());
        }
        Assert.True(nodes.Count == 2, $"both workers should have trained some of the six jobs; nodes: {string.Join(", ", nodes)}");
    }

    [Fact]
    public async Task A_worker_killed_mid_job_has_that_job_finished_by_another_worker()
    {
        using var root = new TempDir();
        var cs = await postgres.CreateDatabaseAsync();
        await using var api = ApiNode(root.Path, cs);
        var client = api.CreateClient();
        await using var doomed = await WorkerNode(root.Path, cs);
        var id = await client.SubmitJob(new
        {
            dataset = "sine-cosine", model = "survivor",
            // More epochs than fit in 30 s, stopped by maxMinutes: each attempt lasts 30 s however fast the machine.
            training = new { epochs = 500, maxExamples = 800, patience = 100, maxMinutes = 0.5 },
            promote = true,
        });
        var running = await WaitFor(client, id, j => j["state"]!.GetValue<string>() == "Running" && j["progress"]!["step"]!.GetValue<int>() >= 3);
        var doomedNode = running["node"]!.GetValue<string>();

        await using var survivor = await WorkerNode(root.Path, cs);
        doomed.Crash(); // SIGKILL: no shutdown, no hand-back; its Quartz check-in simply stops
        var done = await client.WaitForJob(id, "Succeeded");
        Assert.Equal(2, done["attempts"]!.GetValue<int>());
        Assert.NotEqual(doomedNode, done["node"]!.GetValue<string>());
        var version = done["version"]!.GetValue<string>();
        await client.WaitForModel("survivor", m => m.Served() == version);
    }

    [Fact]
    public async Task A_PostgreSQL_restart_under_a_running_cluster_loses_nothing()
    {
        using var root = new TempDir();
        var cs = await postgres.CreateDatabaseAsync();
        await using var api = ApiNode(root.Path, cs);
        var client = api.CreateClient();
        await using var worker = await WorkerNode(root.Path, cs);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await client.SubmitJob(SmallJob($"through-restart-{i}", epochs: 3)));
        await WaitFor(client, ids[0], j => j["state"]!.GetValue<string>() is "Running" or "Succeeded");

        await postgres.RestartAsync();
        foreach (var id in ids) await client.WaitForJob(id, "Succeeded");
        Assert.Equal(HttpStatusCode.OK, (await worker.Client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task A_worker_node_serves_health_and_nothing_else()
    {
        using var root = new TempDir();
        var cs = await postgres.CreateDatabaseAsync();
        await using var worker = await WorkerNode(root.Path, cs);
        Assert.Equal(HttpStatusCode.OK, (await worker.Client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.Client.GetAsync("/v1/models")).StatusCode);
    }

    private static SeqServeFactory ApiNode(string root, string cs) => new(root, worker: false, new Dictionary<string, string>
    {
        ["Storage:Provider"] = "postgres",
        ["ConnectionStrings:Jobs"] = cs,
        ["Worker:CheckinSeconds"] = "1",
        ["Worker:CheckinMisfireSeconds"] = "2",
    });

    private static Task<ServiceProcess> WorkerNode(string root, string cs) => ServiceProcess.StartAsync(root,
        "--Hosting:Role", "worker", "--Storage:Provider", "postgres", "--ConnectionStrings:Jobs", cs,
        "--Worker:CheckinSeconds", "1", "--Worker:CheckinMisfireSeconds", "2", "--Serilog:MinimumLevel:Default", "Information");

    private static async Task<JsonNode> WaitFor(HttpClient client, string id, Func<JsonNode, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var (_, job) = await client.Get($"/v1/jobs/{id}");
            if (condition(job!)) return job!;
            Assert.True(DateTime.UtcNow < deadline, $"job {id} never got there: {job}");
            await Task.Delay(100);
        }
    }
}
