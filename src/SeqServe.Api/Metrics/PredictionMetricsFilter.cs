using System.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Api.Metrics;

/// <summary>
/// Counts and times every prediction request with the model and version that answered it (as chosen by
/// <see cref="Predict.ModelLookup"/>; empty when none was found) and the status the client got.
/// </summary>
public sealed class PredictionMetricsFilter(ApiMeters meters) : IEndpointFilter
{
    /// <summary>Key in HttpContext.Items under which the model lookup leaves (model, version).</summary>
    public const string ServedByKey = "seqserve.served-by";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var http = context.HttpContext;
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            var result = await next(context);
            status = StatusOf(result) ?? StatusCodes.Status200OK;
            return result;
        }
        catch (Exception e)
        {
            status = e switch
            {
                ModelInputException or BadHttpRequestException { StatusCode: 400 } => 400,
                BadHttpRequestException b => b.StatusCode,
                QueueFullException => 429,
                OperationCanceledException when http.RequestAborted.IsCancellationRequested => 499,
                _ => 500,
            };
            throw;
        }
        finally
        {
            var (model, version) = http.Items[ServedByKey] as (string, string)? ?? ("", "");
            meters.Request(model, version, status, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private static int? StatusOf(object? result)
    {
        while (result is INestedHttpResult nested) result = nested.Result;
        return result is IStatusCodeHttpResult { StatusCode: { } code } ? code : null;
    }
}
