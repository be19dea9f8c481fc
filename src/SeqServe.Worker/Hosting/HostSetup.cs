using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using SeqServe.Core.Runtime;

namespace SeqServe.Worker.Hosting;

/// <summary>Composition shared by the hosts: native runtime tuning first, then logging.</summary>
public static class HostSetup
{
    /// <summary>
    /// Applies the torch runtime settings ("Runtime" section) before any thread touches torch.
    /// </summary>
    public static NativeRuntime.RuntimeReport ConfigureNativeRuntime(IConfiguration configuration) =>
        NativeRuntime.Configure(configuration.GetSection("Runtime").Get<RuntimeSettings>() ?? new RuntimeSettings());

    /// <summary>Serilog for everything: levels from the "Serilog" section, structured console output.</summary>
    public static IServiceCollection AddSeqServeLogging(this IServiceCollection services) =>
        services.AddSerilog((sp, log) => log
            .ReadFrom.Configuration(sp.GetRequiredService<IConfiguration>())
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate:
                "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"));

    /// <summary>The stand-alone worker: job store + scheduler started, training in this process.</summary>
    public static HostApplicationBuilder AddSeqServeWorkerHost(this HostApplicationBuilder builder)
    {
        ConfigureNativeRuntime(builder.Configuration);
        builder.Services.AddSeqServeLogging();
        builder.Services.AddSeqServeJobs(builder.Configuration);
        return builder;
    }
}
