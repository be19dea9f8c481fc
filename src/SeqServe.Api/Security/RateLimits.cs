using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace SeqServe.Api.Security;

/// <summary>Section "RateLimiting".</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Prediction requests per second per key (or per client address when anonymous).</summary>
    [Range(0.01, 1_000_000)] public double PredictPermitsPerSecond { get; set; } = 200;

    /// <summary>Prediction requests a key may send at once above the steady rate.</summary>
    [Range(1, 1_000_000)] public int PredictBurst { get; set; } = 400;

    /// <summary>Queued (not yet running) training jobs one key may have; past it POST /v1/jobs is a 429.</summary>
    [Range(1, 100_000)] public int MaxQueuedJobsPerKey { get; set; } = 20;
}

/// <summary>
/// ASP.NET Core's rate limiter, partitioned by API key name (or client address): a token bucket on the
/// prediction routes. A rejection is a 429 problem with Retry-After (not the framework's 503).
/// </summary>
public static class RateLimits
{
    public const string PredictPolicy = "predict";

    public static IServiceCollection AddSeqServeRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(PredictPolicy, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var perTick = Math.Max(1, (int)Math.Round(limits.PredictPermitsPerSecond / 10));
                return RateLimitPartition.GetTokenBucketLimiter(Partition(http), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.PredictBurst,
                    TokensPerPeriod = perTick,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(perTick / limits.PredictPermitsPerSecond),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (context, cancel) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                await TooMany(context.HttpContext, retry, "Too many prediction requests for this key or address; " +
                                                          "RateLimiting:PredictPermitsPerSecond and PredictBurst set the limit.");
            };
        });
        return services;
    }

    /// <summary>A 429 problem with Retry-After.</summary>
    public static ValueTask TooMany(HttpContext http, int retryAfterSeconds, string detail)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests.", Detail = detail,
            },
        });
    }

    private static string Partition(HttpContext http) => http.User.Identity is { IsAuthenticated: true, Name: { } name }
        ? "key:" + name
        : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
