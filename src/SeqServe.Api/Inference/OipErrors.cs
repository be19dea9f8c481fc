using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http.HttpResults;
using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Api.Inference;

/// <summary>
/// Errors on /v2 are the protocol's error object <c>{"error": "…"}</c> with a 4xx status (not problem details):
/// a request that is not an inference request or does not fit the model (400), a full model queue (429 with
/// Retry-After), a body over the limit (413). A model that fails on valid input is a 400 naming the failure.
/// </summary>
public sealed class OipErrorFilter(ILogger<OipErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (OipException e) { return OipErrors.Error(e.Status, e.Message); }
        catch (ModelInputException e) { return OipErrors.Error(StatusCodes.Status400BadRequest, $"{e.Field}: {e.Message}"); }
        catch (QueueFullException e)
        {
            http.Response.Headers.RetryAfter = e.RetryAfterSeconds.ToString();
            return OipErrors.Error(StatusCodes.Status429TooManyRequests, e.Message);
        }
        catch (BadHttpRequestException e) { return OipErrors.Error(e.StatusCode, e.Message); }
        catch (ExternalException e) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("Model failed on {Path}: {Reason}", http.Request.Path, e.Message);
            return OipErrors.Error(StatusCodes.Status400BadRequest, $"the model could not compute this input: {e.Message.Split('\n')[0]}");
        }
    }
}

public static class OipErrors
{
    public static JsonHttpResult<OipError> Error(int status, string message) => TypedResults.Json(new OipError(message), statusCode: status);

    /// <summary>The protocol's error object for a problem the model lookup answered (bad name 400, unknown 404, not loaded 503).</summary>
    public static JsonHttpResult<OipError> From(ProblemHttpResult problem) =>
        Error(problem.StatusCode, problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "the request cannot be served");
}
