using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace SeqServe.Api.Hosting;

/// <summary>
/// Applies Serving:MaxBodyBytes to every request: a declared Content-Length over the limit is refused
/// at once with 413; a body without one is cut off by the server while it is read. A route may allow
/// another size with <see cref="IRequestSizeLimitMetadata"/> (the TorchScript upload does).
/// </summary>
public sealed class BodySizeLimit(RequestDelegate next, IOptions<ServingOptions> options)
{
    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? options.Value.MaxBodyBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
        if (http.Request.ContentLength > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = 413,
                    Title = "The request body is too large.",
                    Detail = $"body: {http.Request.ContentLength} bytes is over the limit of {limit} bytes (Serving:MaxBodyBytes; Serving:TorchScript:MaxFileBytes for uploads).",
                },
            });
            return;
        }
        await next(http);
    }
}
