using Microsoft.AspNetCore.Http;
using SeqServe.Core.Text;

namespace SeqServe.Api.Errors;

/// <summary>
/// A safety net under <see cref="TextChecks.Quote"/>: no problem body repeats a client's megabytes.
/// Every detail and error message is cut to <see cref="MaxMessage"/> characters.
/// </summary>
public static class ProblemSize
{
    public const int MaxMessage = 1000;

    public static void Cap(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Detail = Cut(problem.Detail);
        if (problem is HttpValidationProblemDetails validation)
            foreach (var key in validation.Errors.Keys.ToList())
                validation.Errors[key] = validation.Errors[key].Select(m => Cut(m)!).ToArray();
        if (problem.Extensions.TryGetValue("errors", out var extra) && extra is IDictionary<string, string[]> errors)
            foreach (var key in errors.Keys.ToList())
                errors[key] = errors[key].Select(m => Cut(m)!).ToArray();
    }

    private static string? Cut(string? message) =>
        message is { Length: > MaxMessage } ? message[..MaxMessage] + $"… ({message.Length:N0} characters)" : message;
}
