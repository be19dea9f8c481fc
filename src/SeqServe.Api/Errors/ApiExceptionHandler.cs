using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Api.Errors;

/// <summary>
/// Turns what a client got wrong into a 4xx problem naming the field: malformed JSON or a wrong type
/// (with its JSON path), a body over the size limit (413), input a model cannot take, a model queue that
/// is full (429 with Retry-After). A request whose client went away gets no answer. Anything else is
/// logged and answered with a 500 problem that says no more than necessary.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (http.RequestAborted.IsCancellationRequested && exception is OperationCanceledException)
            return true; // the client went away: nobody to answer
        if (exception is QueueFullException full) http.Response.Headers.RetryAfter = full.RetryAfterSeconds.ToString();
        var (status, title, field, detail) = exception switch
        {
            QueueFullException e => (429, "The model is busy.", null, e.Message),
            ModelInputException e => (400, Problems.InvalidTitle, e.Field, e.Message),
            BadHttpRequestException { StatusCode: 413 } e => (413, "The request body is too large.", null, e.Message),
            BadHttpRequestException { InnerException: JsonException json } => (400, "The request body is not valid JSON for this endpoint.",
                JsonField(json.Path), Clean(json.Message)),
            BadHttpRequestException e => (e.StatusCode, Problems.InvalidTitle, null, e.Message),
            JsonException json => (400, "The request body is not valid JSON for this endpoint.", JsonField(json.Path), Clean(json.Message)),
            _ => (500, "An unexpected error occurred.", null, "The error was logged."),
        };
        if (status >= 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);

        http.Response.StatusCode = status;
        var problem = field is null
            ? new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail }
            : Problems.BadRequest(field, detail, title);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>"$.architecture.hidden" → "architecture.hidden"; "$" or nothing → "body".</summary>
    public static string JsonField(string? path)
    {
        var field = (path ?? "$").TrimStart('$').TrimStart('.');
        return field.Length == 0 ? "body" : field;
    }

    private static string Clean(string message)
    {
        if (message.Contains("could not be converted to", StringComparison.Ordinal))
            return "has the wrong type for this field (see the schema in Swagger UI).";
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
