using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Core.Sentiment;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Serving;

/// <summary>Requests through the shared batcher: same answers as unbatched, failures stay with their request, a full queue is a 429.</summary>
public class BatchingApiTests(BatchingFixture fixture) : IClassFixture<BatchingFixture>
{
    private HttpClient Client => fixture.Client;

    private static string[] Reviews => SampleReviews.Texts;

    [Fact]
    public async Task Concurrent_requests_of_mixed_lengths_get_what_unbatched_inference_gives_and_a_bad_one_fails_alone()
    {
        var scorer = (ISentimentScorer)ShippedModels.Load("sentiment-imdb").Served;
        var expected = Reviews.Select(r => scorer.Score([r])[0].Score).ToArray(); // each alone, on this thread

        // Four rounds of every review at once, with requests that cannot be scored mixed in.
        var calls = Enumerable.Range(0, 4).SelectMany(_ => Reviews.Select((r, i) => (Index: i, Text: r)))
            .Select(c => (c.Index, Task: Client.Post("/v1/sentiment", new { texts = new[] { c.Text } }))).ToList();
        var bad = Enumerable.Range(0, 4).Select(_ => Client.Post("/v1/sentiment", new { texts = new[] { "<br /><br />" } })).ToList();
        await Task.WhenAll(calls.Select(c => c.Task).Concat(bad));

        foreach (var (index, task) in calls)
        {
            var (status, body) = await task;
            Assert.True(status == HttpStatusCode.OK, $"{status}: {body.Pretty()}");
            var score = body!["results"]![0]!["score"]!.GetValue<float>();
            Assert.True(Math.Abs(score - expected[index]) <= 1e-5, $"review {index}: batched {score}, alone {expected[index]}");
        }
        foreach (var task in bad)
        {
            var (status, body) = await task;
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.NotNull(body!["errors"]!["texts[0]"]);
        }
    }

    [Fact]
    public async Task A_full_queue_answers_429_with_retry_after_and_a_problem()
    {
        var model = "hello-ohlol";
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var gate = new ManualResetEventSlim();
        // Occupy the only inference thread, then fill the model's queue to its limit.
        var blocker = fixture.Scheduler.RunAlone(model, "test", () => { started.SetResult(); return gate.Wait(TimeSpan.FromSeconds(30)); });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var fillers = Enumerable.Range(0, BatchingFixture.QueueLimit)
            .Select(_ => fixture.Scheduler.RunAlone(model, "test", () => gate.Wait(TimeSpan.FromSeconds(30)))).ToList();
        try
        {
            using var response = await Client.PostAsJsonAsync($"/v1/sequence/{model}/map", new { text = "hello" });
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"Retry-After: {response.Headers.RetryAfter}");
            var problem = JsonNode.Parse(text)!;
            Assert.Equal(429, problem["status"]!.GetValue<int>());
            Assert.Contains("Serving:Batching:QueueLimit", problem["detail"]!.GetValue<string>());
        }
        finally
        {
            gate.Set();
            await Task.WhenAll(fillers.Append(blocker));
        }
        var (status, body) = await Client.Post($"/v1/sequence/{model}/map", new { text = "hello" });
        Assert.True(status == HttpStatusCode.OK, $"{status}: {body.Pretty()}");
        Assert.Equal("ohlol", body!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Metrics_expose_request_queue_batch_and_inference_histograms_per_model_and_version()
    {
        for (var i = 0; i < 3; i++)
        {
            var (status, _) = await Client.Post("/v1/sequence/hello-ohlol/map", new { text = "hello" });
            Assert.Equal(HttpStatusCode.OK, status);
        }
        var version = (await Client.Get("/v1/models/hello-ohlol")).Body!["model"]!.Served()!;
        using var response = await Client.GetAsync("/metrics");
        var metrics = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);

        foreach (var histogram in new[] { "seqserve_request_duration_seconds", "seqserve_queue_time_seconds", "seqserve_batch_size", "seqserve_inference_time_seconds" })
        {
            var lines = metrics.Split('\n').Where(l => l.StartsWith(histogram + "_bucket{", StringComparison.Ordinal)).ToList();
            Assert.True(lines.Any(l => l.Contains("model=\"hello-ohlol\"") && l.Contains($"version=\"{version}\"")),
                $"no {histogram} buckets for hello-ohlol/{version} in:\n{metrics}");
        }
        Assert.Contains("seqserve_requests_total{", metrics);
        Assert.Matches("seqserve_registry_loads_total\\{[^}]*model=\"hello-ohlol\"", metrics);
        Assert.Contains("seqserve_queue_depth{", metrics);
        Assert.Contains("seqserve_training_jobs", metrics);
        Assert.Contains("http_server_request_duration_seconds_bucket{", metrics); // ASP.NET Core's own meter
        Assert.Contains("dotnet_process_memory_working_set_bytes", metrics);        // the runtime's process meter

        var (_, swagger) = await Client.Get("/swagger/v1/swagger.json");
        Assert.False(swagger!["paths"]!.AsObject().ContainsKey("/metrics"), "/metrics must not be in the OpenAPI document");
    }
}
