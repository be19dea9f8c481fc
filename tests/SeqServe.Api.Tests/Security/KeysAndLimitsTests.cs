using System.Net;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Core.Sequence.SineCosine;
using SeqServe.Core.Training;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Security;

public class KeysAndLimitsTests
{
    private static readonly object QueuedJob = new { dataset = "hello-ohlol", model = "queued-only", training = new { epochs = 1 } };

    [Fact]
    public async Task A_train_key_cancels_its_own_jobs_and_not_another_keys()
    {
        using var root = new TempDir();
        await using var app = new SeqServeFactory(root.Path, worker: false);
        using var trainer = app.ClientWithKey(TestKeys.Train);
        using var other = app.ClientWithKey(TestKeys.OtherTrain);
        var mine = await trainer.SubmitJob(QueuedJob);
        var theirs = await other.SubmitJob(QueuedJob);

        Assert.Equal(HttpStatusCode.Forbidden, (await trainer.Post($"/v1/jobs/{theirs}/cancel", null)).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await trainer.Post($"/v1/jobs/{mine}/cancel", null)).Status);
        using var admin = app.ClientWithKey(TestKeys.Admin);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.Post($"/v1/jobs/{theirs}/cancel", null)).Status);
        Assert.Equal("trainer", (await admin.Get($"/v1/jobs/{mine}")).Body!["submittedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Queued_jobs_past_the_per_key_limit_are_429_with_Retry_After()
    {
        using var root = new TempDir();
        await using var app = new SeqServeFactory(root.Path, worker: false,
            new Dictionary<string, string> { ["RateLimiting:MaxQueuedJobsPerKey"] = "2" });
        using var trainer = app.ClientWithKey(TestKeys.Train);
        await trainer.SubmitJob(QueuedJob);
        await trainer.SubmitJob(QueuedJob);
        using var third = await trainer.PostAsync("/v1/jobs", new StringContent(System.Text.Json.JsonSerializer.Serialize(QueuedJob),
            System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        // Another key still has its own allowance.
        using var other = app.ClientWithKey(TestKeys.OtherTrain);
        await other.SubmitJob(QueuedJob);
    }

    [Fact]
    public async Task A_burst_of_ten_times_the_permitted_predictions_gets_only_429s_with_Retry_After_beyond_it()
    {
        using var root = new TempDir();
        var models = Path.Combine(root.Path, "models");
        SeededStore.AddQuick(models, new SineCosineRecipe(), "sine-cosine",
            new JobSpec { Training = new TrainingSpec { Epochs = 1, MaxExamples = 16 } });
        await using var app = new SeqServeFactory(root.Path, worker: false, new Dictionary<string, string>
        {
            ["RateLimiting:PredictPermitsPerSecond"] = "1", ["RateLimiting:PredictBurst"] = "5",
        });
        using var client = app.ClientWithKey(TestKeys.Predict);
        await client.WaitForModel("sine-cosine", m => m.Served() is not null);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await client.PostAsync("/v1/sequence/sine-cosine/predict",
                new StringContent("{\"inputs\": [[0.1, 0.2, 0.3]]}", System.Text.Encoding.UTF8, "application/json"));
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta, Type: response.Content.Headers.ContentType?.MediaType);
        }));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"got {a.StatusCode}"));
        var rejected = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(answers.Count(a => a.StatusCode == HttpStatusCode.OK), 1, 8); // the burst (5) and maybe a refill or two
        Assert.All(rejected, a =>
        {
            Assert.NotNull(a.RetryAfter);
            Assert.Equal("application/problem+json", a.Type);
        });
        // Another key has its own bucket.
        using var admin = app.ClientWithKey(TestKeys.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.Post("/v1/sequence/sine-cosine/predict", new { inputs = new[] { new[] { 0.1 } } })).Status);
    }

    [Fact]
    public async Task With_no_key_configured_the_first_start_writes_an_admin_key_the_owner_alone_can_read()
    {
        using var root = new TempDir();
        await using var app = new SeqServeFactory(root.Path, worker: false, testKeys: false);
        using var anonymous = app.ClientWithKey(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Get("/v1/models")).Status);
        var path = Path.Combine(root.Path, "data", "admin.key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Post("/v1/jobs", QueuedJob)).Status);
        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        using var admin = app.ClientWithKey(File.ReadAllText(path).Trim());
        await admin.SubmitJob(QueuedJob);
    }
}
