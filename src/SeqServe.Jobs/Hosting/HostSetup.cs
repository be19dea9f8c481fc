using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Formatting.Compact;
using SeqServe.Core.Runtime;

namespace SeqServe.Jobs.Hosting;

/// <summary>Composition shared by the hosts: native runtime tuning first, then logging.</summary>
public static class HostSetup
{
    /// <summary>
    /// Applies the torch runtime settings ("Runtime" section) before any thread touches torch.
    /// </summary>
    public static NativeRuntime.RuntimeReport ConfigureNativeRuntime(IConfiguration configuration) =>
        NativeRuntime.Configure(configuration.GetSection("Runtime").Get<RuntimeSettings>() ?? new RuntimeSettings());

    /// <summary>
    /// A host that trains without the job store's scheduler: torch runtime, logging, checkpoint store,
    /// dataset packages and recipes. The <c>train</c> command and a child training process start from it.
    /// </summary>
    public static HostApplicationBuilder CreateTrainingHost(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        ConfigureNativeRuntime(builder.Configuration);
        builder.Services.AddSeqServeLogging(HostingOptions.From(builder.Configuration));
        builder.Services.AddSeqServeTraining(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Serilog for everything: levels from the "Serilog" section; readable console lines (date and time,
    /// level, source, the training run when there is one), or compact JSON (one event a line) with
    /// <c>Logging:Format=json</c>. Every event carries the role and node.
    /// </summary>
    public static IServiceCollection AddSeqServeLogging(this IServiceCollection services, HostingOptions hosting) =>
        services.AddSerilog((sp, log) =>
        {
            log.ReadFrom.Configuration(sp.GetRequiredService<IConfiguration>())
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Role", hosting.Role.ToString().ToLowerInvariant())
                .Enrich.WithProperty("Host", Environment.MachineName)
                .Enrich.With<RunContextEnricher>();
            if (hosting.LogFormat == LogFormat.Json) log.WriteTo.Console(new RenderedCompactJsonFormatter());
            else log.WriteTo.Console(outputTemplate:
                "[{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3}] {SourceContext}{Run}: {Message:lj}{NewLine}{Exception}");
        });
}
