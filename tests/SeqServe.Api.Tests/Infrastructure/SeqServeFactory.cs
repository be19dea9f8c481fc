using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Infrastructure;

/// <summary>
/// The real web host on a private folder: its own SQLite job store, its own model store, the shared
/// dataset cache. Two factories on the same <see cref="Root"/> are the same service restarted.
/// </summary>
public sealed class SeqServeFactory(string root, bool worker = true, IReadOnlyDictionary<string, string>? settings = null,
    bool testKeys = true, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public string Root { get; } = root;
    public string ModelsDir => Path.Combine(Root, "models");

    /// <summary>Clients send the admin key; tests of access rules make their own requests with other keys or none.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add("X-Api-Key", TestKeys.Admin);
    }

    /// <summary>A client that sends <paramref name="key"/> (or no key at all).</summary>
    public HttpClient ClientWithKey(string? key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Root", Root);
        builder.UseSetting("Storage:ModelsPath", "models");
        builder.UseSetting("Storage:DatabasePath", "data/seqserve.db");
        builder.UseSetting("Storage:DataCachePath", TestPaths.DataCache);
        builder.UseSetting("Hosting:Role", worker ? "all" : "api");
        builder.UseSetting("Worker:PollSeconds", "1");
        builder.UseSetting("Worker:CancelCheckSeconds", "0.2");
        builder.UseSetting("Worker:ProgressWriteSeconds", "0.2");
        builder.UseSetting("Serving:ReloadSeconds", "0.2");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Load tests send thousands of predictions: the rate limit is a test of its own (KeysAndLimitsTests).
        builder.UseSetting("RateLimiting:PredictPermitsPerSecond", "1000000");
        builder.UseSetting("RateLimiting:PredictBurst", "1000000");
        if (testKeys) foreach (var (key, value) in TestKeys.Settings) builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (services is not null) builder.ConfigureTestServices(services); // test-only replacements (e.g. a fake version loader)
    }
}
