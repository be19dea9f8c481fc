using Microsoft.AspNetCore.Routing;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SeqServe.Api.Models;
using SeqServe.Core.Runtime;
using SeqServe.Jobs;
using SeqServe.Jobs.Hosting;

namespace SeqServe.Api.Health;

/// <summary>
/// /health/live (the process answers) and /health/ready (job store reachable; on a serving role, every
/// promoted model loaded).
/// </summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddSeqServeHealth(this IServiceCollection services, HostingOptions hosting)
    {
        var checks = services.AddHealthChecks().AddCheck<JobStoreHealthCheck>("job-store", tags: ["ready"]);
        if (hosting.Serves) checks.AddCheck<ModelsHealthCheck>("models", tags: ["ready"]);
        return services;
    }

    public static void MapSeqServeHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write })
            .WithMetadata(new HttpMethodMetadata(["GET", "HEAD"])).WithTags("Health").WithSummary("200 while the process is up.");
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = Write })
            .WithMetadata(new HttpMethodMetadata(["GET", "HEAD"])).WithTags("Health").WithSummary("200 when the job store answers and every promoted model is loaded; 503 otherwise.");
    }

    private static Task Write(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            runtime = NativeRuntime.Current,
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
    }

    private sealed class JobStoreHealthCheck(IJobStore jobs) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            try
            {
                var queued = await jobs.CountAsync(JobState.Queued, cancellationToken);
                return HealthCheckResult.Healthy($"reachable; {queued} run(s) queued");
            }
            catch (Exception e)
            {
                return HealthCheckResult.Unhealthy("job store unreachable: " + e.Message);
            }
        }
    }

    private sealed class ModelsHealthCheck(ModelRegistry registry) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            if (!registry.Scanned) return Task.FromResult(HealthCheckResult.Unhealthy("the model store has not been scanned yet"));
            var missing = registry.Models.Where(m => m.Promoted is not null && m.Served is null).Select(m => m.Name).ToList();
            var fallback = registry.Models.Where(m => m.Promoted is not null && m.Served is not null && m.Served.Version != m.Promoted)
                .Select(m => $"{m.Name} serves {m.Served!.Version} instead of {m.Promoted}").ToList();
            if (missing.Count > 0)
                return Task.FromResult(HealthCheckResult.Unhealthy($"promoted model(s) not loaded: {string.Join(", ", missing)}"));
            var serving = registry.Models.Count(m => m.Served is not null);
            return Task.FromResult(HealthCheckResult.Healthy(
                $"{serving} model(s) serving" + (fallback.Count > 0 ? "; " + string.Join("; ", fallback) : "")));
        }
    }
}
