using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Jobs;

public class CrashRecoveryTests
{
    [Fact]
    public async Task A_run_interrupted_by_a_crash_runs_again_after_restart()
    {
        using var root = new TempDir();
        string id;
        await using (var first = await ServiceProcess.StartAsync(root.Path))
        {
            id = await first.Client.SubmitJob(new
            {
                dataset = "sine-cosine", model = "crash-test",
                training = new { epochs = 3, maxExamples = 2000, patience = 10 },
            });
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (true)
            {
                var (_, job) = await first.Client.Get($"/v1/jobs/{id}");
                if (job!["state"]!.GetValue<string>() == "Running" && job["progress"]!["step"]!.GetValue<int>() >= 3) break;
                Assert.True(DateTime.UtcNow < deadline, $"the run never got going: {job}");
                await Task.Delay(100);
            }
            first.Crash();
        }

        await using var second = await ServiceProcess.StartAsync(root.Path);
        var done = await second.Client.WaitForJob(id, "Succeeded");
        Assert.Equal(2, done["attempts"]!.GetValue<int>());
        var version = done["version"]!.GetValue<string>();
        Assert.True(File.Exists(Path.Combine(root.Path, "models", "crash-test", version, "manifest.json")));
        // The crashed attempt's half-written folder is never listed: only the finished version is.
        var model = await second.Client.WaitForModel("crash-test", m => m.Served() == version);
        Assert.Equal([version], model["model"]!["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()));
        // The crashed writer's temp folder is swept at start-up (its process is gone): nothing is left behind.
        Assert.Empty(Directory.GetDirectories(Path.Combine(root.Path, "models", "crash-test"), ".tmp-*"));
    }

    [Fact]
    public async Task A_run_whose_node_keeps_dying_is_failed_after_MaxAttempts_instead_of_looping()
    {
        using var root = new TempDir();
        string id;
        await using (var first = await ServiceProcess.StartAsync(root.Path, "--Worker:MaxAttempts", "1"))
        {
            id = await first.Client.SubmitJob(new
            {
                dataset = "sine-cosine", model = "crash-loop",
                training = new { epochs = 50, maxExamples = 2000, patience = 50 },
            });
            await first.Client.WaitForJob(id, "Running");
            first.Crash();
        }
        await using var second = await ServiceProcess.StartAsync(root.Path, "--Worker:MaxAttempts", "1");
        var failed = await second.Client.WaitForJob(id, "Failed");
        Assert.Contains("gave up after 1 attempts (Worker:MaxAttempts)", failed["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_run_recovered_after_a_crash_keeps_its_place_ahead_of_runs_queued_after_it()
    {
        using var root = new TempDir();
        string interrupted;
        string[] queued;
        await using (var first = await ServiceProcess.StartAsync(root.Path))
        {
            interrupted = await first.Client.SubmitJob(new
            {
                dataset = "sine-cosine", model = "first-in-line", training = new { epochs = 3, maxExamples = 2000, patience = 10 },
            });
            queued = [
                await first.Client.SubmitJob(new { dataset = "hello-ohlol", model = "second-in-line", training = new { epochs = 5 } }),
                await first.Client.SubmitJob(new { dataset = "hello-ohlol", model = "third-in-line", training = new { epochs = 5 } }),
            ];
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while ((await first.Client.Get($"/v1/jobs/{interrupted}")).Body!["progress"]!["step"]!.GetValue<int>() < 3)
            {
                Assert.True(DateTime.UtcNow < deadline, "the first run never got going");
                await Task.Delay(100);
            }
            first.Crash();
        }

        await using var second = await ServiceProcess.StartAsync(root.Path);
        var recovered = await second.Client.WaitForJob(interrupted, "Succeeded");
        foreach (var id in queued)
        {
            var later = await second.Client.WaitForJob(id, "Succeeded");
            Assert.True(DateTimeOffset.Parse(later["startedAt"]!.GetValue<string>()) > DateTimeOffset.Parse(recovered["startedAt"]!.GetValue<string>()),
                $"run {id}, queued after the interrupted one, started before it was re-run");
        }
    }
}
