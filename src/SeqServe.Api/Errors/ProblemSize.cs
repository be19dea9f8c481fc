using Microsoft.AspNetCore.Http;
using SeqServe.Core.Text;

namespace SeqServe.Api.Errors;

/// <summary>
/// A safety net under <see cref="TextChecks.Quote"/>: no problem body repeats a client's megabytes.
/// Every detail and error message is cut to <see cref="MaxMessage"/> characters. (Also: a problem
/// carrying <see cref="Problems.RetryAfter"/> gets the Retry-After header, and a validation problem the
/// title and detail every 400 has: <see cref="Problems.Complete"/>.)
/// </summary>
public static class ProblemSize
{
    public const int MaxMessage = 1000;

    public static void Cap(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem is HttpValidationProblemDetails invalid) Problems.Complete(invalid);
        // A 429 says when to come back in the header too (the problem carries the seconds).
        if (problem.Extensions.TryGetValue(Problems.RetryAfter, out var seconds) && seconds is not null)
            context.HttpContext.Response.Headers.RetryAfter = Convert.ToString(seconds, System.Globalization.CultureInfo.InvariantCulture);
        problem.Detail = Cut(problem.Detail);
        if (problem is HttpValidationProblemDetails validation)
            foreach (var key in validation.Errors.Keys.ToList())
                validation.Errors[key] = validation.Errors[key].Select(m => Cut(m)!).ToArray();
    }

    private static string? Cut(string? message) =>
        message is { Length: > MaxMessage } ? message[..MaxMessage] + $"… ({message.Length:N0} characters)" : message;
}
