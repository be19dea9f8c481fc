using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeqServe.Api.Tests.Infrastructure;

/// <summary>Small helpers for calling the API and waiting for asynchronous outcomes (bounded in time).</summary>
public static class ApiClient
{
    public static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(4);

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> Send(this HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is string raw) request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body)> Post(this HttpClient client, string url, object? body) =>
        client.Send(HttpMethod.Post, url, body);

    public static Task<(HttpStatusCode Status, JsonNode? Body)> Get(this HttpClient client, string url) =>
        client.Send(HttpMethod.Get, url);

    /// <summary>Submits a job (expects 202) and returns its id.</summary>
    public static async Task<string> SubmitJob(this HttpClient client, object spec)
    {
        var (status, body) = await client.Post("/v1/jobs", spec);
        Assert.True(status == HttpStatusCode.Accepted, $"POST /v1/jobs answered {status}: {body}");
        return body!["id"]!.GetValue<string>();
    }

    /// <summary>Polls the job until it is in one of <paramref name="states"/>.</summary>
    public static async Task<JsonNode> WaitForJob(this HttpClient client, string id, params string[] states)
    {
        var deadline = DateTime.UtcNow + JobTimeout;
        while (true)
        {
            var (_, job) = await client.Get($"/v1/jobs/{id}");
            var state = job!["state"]!.GetValue<string>();
            if (states.Contains(state)) return job;
            if (state is "Failed" && !states.Contains("Failed")) Assert.Fail($"job {id} failed: {job["error"]}");
            if (DateTime.UtcNow > deadline) Assert.Fail($"job {id} still {state} after {JobTimeout}: {job}");
            await Task.Delay(200);
        }
    }

    /// <summary>Polls GET /v1/models/{name} until <paramref name="ready"/> holds for it.</summary>
    public static async Task<JsonNode> WaitForModel(this HttpClient client, string name, Func<JsonNode, bool> ready, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var (status, model) = await client.Get($"/v1/models/{name}");
            if (status == HttpStatusCode.OK && ready(model!["model"]!)) return model!;
            if (DateTime.UtcNow > deadline) Assert.Fail($"model {name} not as expected in time: {status} {model}");
            await Task.Delay(100);
        }
    }

    /// <summary>The version answering requests (<c>servedVersion</c>).</summary>
    public static string? Served(this JsonNode model) => model["servedVersion"]?.GetValue<string>();

    /// <summary>The version the PROMOTED file asks for (<c>promotedVersion</c>).</summary>
    public static string? Promoted(this JsonNode model) => model["promotedVersion"]?.GetValue<string>();

    public static JsonNode? Version(this JsonNode model, string version) =>
        model["versions"]!.AsArray().FirstOrDefault(v => v!["version"]!.GetValue<string>() == version);

    public static string Pretty(this JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";

    /// <summary>Posts a raw JSON body and asserts a 400 problem (application/problem+json) whose errors name <paramref name="field"/>.</summary>
    public static async Task AssertBadRequest(this HttpClient client, string route, string body, string field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(route, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{route} {body} → {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"{route} {body}: expected the problem to name '{field}', got {text}");
    }
}
