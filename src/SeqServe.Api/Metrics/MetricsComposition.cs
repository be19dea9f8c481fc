using OpenTelemetry.Metrics;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Api.Metrics;

/// <summary>
/// GET /metrics in the Prometheus text format: the service's System.Diagnostics.Metrics instruments (batching,
/// requests, registry, training), ASP.NET Core's HTTP and Kestrel meters and the runtime's process meters
/// (memory, GC, CPU), exported by OpenTelemetry's Prometheus exporter.
/// </summary>
public static class MetricsComposition
{
    public static IServiceCollection AddSeqServeMetrics(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<ApiMeters>();
        services.AddSingleton<TrainingGauges>();
        services.AddSingleton<PredictionMetricsFilter>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(BatchingMetrics.MeterName, ApiMeters.MeterName,
                "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.Services.GetRequiredService<TrainingGauges>(); // its observable instruments exist from start-up
        app.MapPrometheusScrapingEndpoint("/metrics").ExcludeFromDescription();
        return app;
    }
}
