using Microsoft.AspNetCore.Http.HttpResults;
using SeqServe.Core.Text;

namespace SeqServe.Api.Errors;

/// <summary>
/// RFC 7807 problem details with the wording used across the API. Every 400 for bad input — from a
/// handler, the model lookup, the exception handler or minimal-API validation — has the same shape,
/// built here: title "The request is not valid.", <c>errors: {field: [message]}</c> and a detail
/// repeating them as "field: message".
/// </summary>
public static class Problems
{
    public const string InvalidTitle = "The request is not valid.";

    /// <summary>"field: message" for every error, the detail of a 400.</summary>
    public static string Describe(IDictionary<string, string[]> errors) =>
        string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));

    /// <summary>The body of every 400 that names a field (status, title, errors and detail).</summary>
    public static HttpValidationProblemDetails BadRequest(string field, string message, string title = InvalidTitle)
    {
        var errors = new Dictionary<string, string[]> { [field] = [message] };
        return new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = title, Detail = Describe(errors) };
    }

    /// <summary>
    /// Makes minimal-API validation's 400s read like every other one: fields named as in the JSON body
    /// ("texts[0]", not "Texts[0]"), the API's title, and the detail.
    /// </summary>
    public static void Complete(HttpValidationProblemDetails problem)
    {
        if (problem.Status is not (null or StatusCodes.Status400BadRequest)) return;
        if (problem.Title is null or "One or more validation errors occurred.") problem.Title = InvalidTitle;
        foreach (var key in problem.Errors.Keys.ToList())
        {
            var field = JsonField(key);
            if (field == key) continue;
            problem.Errors[field] = problem.Errors.TryGetValue(field, out var existing) ? [.. existing, .. problem.Errors[key]] : problem.Errors[key];
            problem.Errors.Remove(key);
        }
        problem.Detail ??= Describe(problem.Errors);
    }

    /// <summary>A .NET member path as the JSON body names it: "Architecture.Hidden" → "architecture.hidden".</summary>
    private static string JsonField(string path) =>
        string.Join('.', path.Split('.').Select(s => s.Length > 0 && char.IsUpper(s[0]) ? char.ToLowerInvariant(s[0]) + s[1..] : s));

    public static ValidationProblem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: Describe(errors), title: InvalidTitle);

    /// <summary>The same 400 as <see cref="Invalid(string, string)"/>, for a result typed as a plain problem.</summary>
    public static ProblemHttpResult BadField(string field, string message) => TypedResults.Problem(BadRequest(field, message));

    public const string UnsupportedTitle = "Unsupported media type.";

    /// <summary>The detail of a 415 for a JSON route: what to send, and what came.</summary>
    public static string SendJson(string? got) =>
        $"send the body as JSON with the header Content-Type: application/json ({(string.IsNullOrEmpty(got) ? "the request had no Content-Type" : $"got {TextChecks.Quote(got)}")}).";

    /// <summary>
    /// Routing answers a JSON route called with another content type by a bare 415 (its status-code page): the
    /// problem gets the API's title and says what to send.
    /// </summary>
    public static void CompleteUnsupported(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status != StatusCodes.Status415UnsupportedMediaType || context.ProblemDetails.Detail is not null) return;
        context.ProblemDetails.Title = UnsupportedTitle;
        context.ProblemDetails.Detail = SendJson(context.HttpContext.Request.ContentType);
    }

    /// <summary>A 415 problem saying what to send (<paramref name="detail"/>).</summary>
    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: UnsupportedTitle);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict.");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "The API key may not do this.");

    /// <summary>A 429 problem; the Retry-After header is added by <see cref="RetryAfter"/> below.</summary>
    public static ProblemHttpResult TooMany(string detail, int retryAfterSeconds) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
            extensions: new Dictionary<string, object?> { [RetryAfter] = retryAfterSeconds });

    /// <summary>The problem extension carrying the seconds that the Retry-After header repeats.</summary>
    public const string RetryAfter = "retryAfterSeconds";

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not available yet.");
}
