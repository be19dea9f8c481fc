using System.Net;
using System.Text.Json.Nodes;
using SeqServe.Api.Tests.Infrastructure;

namespace SeqServe.Api.Tests.Inference;

/// <summary>Calls on /v2 and what the protocol says their answers look like.</summary>
public static class OipAssert
{
    /// <summary>POSTs an inference request and expects 200; returns the response object.</summary>
    public static async Task<JsonNode> Infer(this HttpClient client, string route, object body)
    {
        var (status, response) = await client.Post(route, body);
        Assert.True(status == HttpStatusCode.OK, $"{route} → {(int)status}: {response.Pretty()}");
        return response!;
    }

    /// <summary>The output called <paramref name="name"/>.</summary>
    public static JsonNode Output(this JsonNode response, string name) =>
        response["outputs"]!.AsArray().FirstOrDefault(o => o!["name"]!.GetValue<string>() == name)
        ?? throw new Xunit.Sdk.XunitException($"no output '{name}' in {response.Pretty()}");

    public static float[] Floats(this JsonNode output) => [.. output["data"]!.AsArray().Select(v => v!.GetValue<float>())];
    public static string[] Strings(this JsonNode output) => [.. output["data"]!.AsArray().Select(v => v!.GetValue<string>())];
    public static long[] Shape(this JsonNode tensor) => [.. tensor["shape"]!.AsArray().Select(v => v!.GetValue<long>())];

    /// <summary>Sends a raw body and expects <paramref name="status"/> with the protocol's error object (not problem details).</summary>
    public static async Task<string> Error(this HttpClient client, HttpMethod method, string route, string? body, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(method, route);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{method} {route} {body} → {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["error"], error.Select(p => p.Key));
        var message = error["error"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message;
    }

    public static void Close(float[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
    }
}
