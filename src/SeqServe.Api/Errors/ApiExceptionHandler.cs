using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Api.Errors;

/// <summary>
/// Turns what a client got wrong into a 4xx problem naming the field: malformed JSON or a wrong type
/// (with its JSON path), a body over the size limit (413), input a model cannot take, a model queue that
/// is full (429 with Retry-After). A request whose client went away gets no answer. Anything else is
/// logged and answered with a 500 problem that says no more than necessary. No message names a .NET type:
/// see <see cref="JsonErrors"/>.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, IOptions<JsonOptions> json,
    ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    private const string NotValidJson = "The request body is not valid JSON for this endpoint.";

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
            BadHttpRequestException { StatusCode: 415 } e => (415, Problems.UnsupportedTitle, null, Problems.SendJson(http.Request.ContentType)),
            BadHttpRequestException { InnerException: JsonException e } => (400, NotValidJson, JsonField(e.Path), JsonErrors.Message(e, json.Value.SerializerOptions)),
            BadHttpRequestException e => Binding(e),
            JsonException e => (400, NotValidJson, JsonField(e.Path), JsonErrors.Message(e, json.Value.SerializerOptions)),
            _ => (500, "An unexpected error occurred.", null, "The error was logged."),
        };
        if (status >= 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);

        if (status == 415) http.Response.Headers.Accept = "application/json";
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

    /// <summary>
    /// Minimal-API binding failures, which name the handler's parameter and its .NET type
    /// (<c>Required parameter "SentimentRequest request" was not provided from body.</c>), said as the client sees them.
    /// </summary>
    private static (int, string, string?, string) Binding(BadHttpRequestException e)
    {
        var parameter = BoundParameter().Match(e.Message);
        var source = parameter.Groups["source"].Value;
        if (source.Contains("body", StringComparison.Ordinal) || (!parameter.Success && e.Message.Contains("body", StringComparison.OrdinalIgnoreCase)))
            return (400, Problems.InvalidTitle, "body", "a JSON object is required (Content-Type: application/json); see the schema in Swagger UI.");
        if (!parameter.Success) return (e.StatusCode, Problems.InvalidTitle, null, "The request could not be read.");
        var name = parameter.Groups["name"].Value;
        if (e.Message.StartsWith("Required", StringComparison.Ordinal)) return (400, Problems.InvalidTitle, name, "is required.");
        var type = parameter.Groups["type"].Value.Trim().TrimEnd('?') switch
        {
            "int" or "long" or "short" => typeof(int),
            "double" or "float" or "decimal" => typeof(double),
            "bool" => typeof(bool),
            _ => null,
        };
        return (400, Problems.InvalidTitle, name, type is null
            ? $"could not be read from {source.Trim()} (see the schema in Swagger UI)."
            : $"must be {JsonErrors.Noun(type, plural: false)} (got {source.Trim()}).");
    }

    [GeneratedRegex(@"parameter ""(?:(?<type>[^""]*)\s)?(?<name>[^""\s]+)""(?: was not provided)? from (?<source>.*?)\.?$")]
    private static partial Regex BoundParameter();
}
