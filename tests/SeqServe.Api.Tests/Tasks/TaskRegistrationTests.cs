using System.Net;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Tasks;

/// <summary>
/// A task that exists only in the tests (<see cref="ParityTask"/>) is registered with one line and is then
/// listed, validated, trained by the worker, served at its own route and documented, with nothing changed
/// anywhere else.
/// </summary>
public class TaskRegistrationTests
{
    [Fact]
    public async Task A_task_registered_with_one_line_is_listed_trained_served_and_documented()
    {
        using var root = new TempDir();
        await using var factory = new SeqServeFactory(root.Path, settings: new Dictionary<string, string>
        {
            ["Worker:IsolateRuns"] = "false", // a child process of this build would not know a task of the tests
        }, services: services => services.AddParityTask()); // ← the one registration line
        using var client = factory.CreateClient();

        var (_, datasets) = await client.Get("/v1/datasets");
        var parity = datasets!.AsArray().Single(d => d!["name"]!.GetValue<string>() == "bit-parity")!;
        Assert.Equal("parity", parity["task"]!.GetValue<string>());

        var (status, refused) = await client.Post("/v1/jobs", new { dataset = "bit-parity", task = "sentiment" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("trains a 'parity' model", refused!["errors"]!["task"]![0]!.GetValue<string>());
        (_, refused) = await client.Post("/v1/jobs", new { dataset = "bit-parity", task = "nope" });
        Assert.Contains("'parity'", refused!["errors"]!["task"]![0]!.GetValue<string>());

        var id = await client.SubmitJob(new { dataset = "bit-parity", task = "parity", model = "parity-test" });
        var job = await client.WaitForJob(id, "Succeeded");
        var version = job["version"]!.GetValue<string>();
        var model = await client.WaitForModel("parity-test", m => m.Promoted() == version && m.Served() == version);
        Assert.Equal("parity", model["model"]!["task"]!.GetValue<string>());
        Assert.Equal("parity", model["model"]!["kind"]!.GetValue<string>());
        var metrics = model["model"]!["versions"]![0]!["metrics"]!;
        Assert.True(metrics["testAccuracy"]!.GetValue<double>() > 0.9,
            $"the parity model did not learn: {model.Pretty()}");

        foreach (var bits in new[] { "1", "0110", "111010011" })
        {
            var (ok, answer) = await client.Post("/v1/parity/parity-test", new { bits });
            Assert.Equal(HttpStatusCode.OK, ok);
            Assert.Equal(ParityTask.Truth(bits), answer!["parity"]!.AsArray().Select(v => v!.GetValue<int>()));
        }
        var (bad, problem) = await client.Post("/v1/parity/parity-test", new { bits = "01x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("bits", problem.Pretty());

        var (_, openApi) = await client.Get("/swagger/v1/swagger.json");
        Assert.NotNull(openApi!["paths"]!["/v1/parity/{model}"]);
    }

    [Fact]
    public async Task Without_the_registration_line_the_task_does_not_exist()
    {
        using var root = new TempDir();
        await using var factory = new SeqServeFactory(root.Path, worker: false);
        using var client = factory.CreateClient();
        var (_, datasets) = await client.Get("/v1/datasets");
        Assert.DoesNotContain(datasets!.AsArray(), d => d!["name"]!.GetValue<string>() == "bit-parity");
        var (status, _) = await client.Post("/v1/parity/parity-test", new { bits = "01" });
        Assert.Equal(HttpStatusCode.NotFound, status);
        var (refused, body) = await client.Post("/v1/jobs", new { dataset = "bit-parity" });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Contains("dataset", body.Pretty());
    }
}
