using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Infrastructure;

/// <summary>
/// The real web host on a private folder: its own SQLite job store, its own model store, the shared
/// dataset cache. Two factories on the same <see cref="Root"/> are the same service restarted.
/// </summary>
public sealed class SeqServeFactory(string root, bool worker = true, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public string Root { get; } = root;
    public string ModelsDir => Path.Combine(Root, "models");

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
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
    }
}
