using Serilog;
using Serilog.Events;

namespace SeqServe.Api.Hosting;

/// <summary>
/// One log line per request, at a level that means something: a 4xx problem's line says which field and
/// why; health probes, Swagger and static assets are Debug; a 503 (not ready yet, queue full) is a
/// warning, not an error; other 5xx and unhandled exceptions are errors.
/// </summary>
public static class RequestLogging
{
    private const string ProblemItem = "SeqServe.Problem";

    public static IApplicationBuilder UseSeqServeRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms{Problem}";
            o.GetLevel = Level;
            o.EnrichDiagnosticContext = (diagnostics, http) =>
                diagnostics.Set("Problem", http.Items[ProblemItem] as string ?? "");
        });

    /// <summary>Remembers what a problem response says, for the request's log line (called for every problem written).</summary>
    public static void Note(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var fields = problem is HttpValidationProblemDetails v ? v.Errors
            : problem.Extensions.TryGetValue("errors", out var e) ? e as IDictionary<string, string[]> : null;
        var what = fields is { Count: > 0 }
            ? string.Join("; ", fields.Take(3).Select(f => $"{f.Key}: {f.Value.FirstOrDefault()}"))
            : problem.Detail ?? problem.Title;
        if (what is not null) context.HttpContext.Items[ProblemItem] = " — " + (what.Length > 300 ? what[..300] + "…" : what);
    }

    private static LogEventLevel Level(HttpContext http, double elapsed, Exception? error)
    {
        var status = http.Response.StatusCode;
        var path = http.Request.Path.Value ?? "";
        if (error is not null || (status >= 500 && status != StatusCodes.Status503ServiceUnavailable)) return LogEventLevel.Error;
        if (path.StartsWith("/health", StringComparison.Ordinal) || path.StartsWith("/swagger", StringComparison.Ordinal)
            || path == "/metrics" || Path.HasExtension(path))
            return LogEventLevel.Debug;
        return status == StatusCodes.Status503ServiceUnavailable ? LogEventLevel.Warning : LogEventLevel.Information;
    }
}
