namespace SeqServe.Api.OpenApi;

/// <summary>
/// Documents the error responses a route can give, each an <c>application/problem+json</c> body: 400
/// (a validation problem naming the field), 403 (the key lacks the scope; 401 is added to every route
/// behind authorization by <see cref="AuthResponsesOperationFilter"/>), 404,
/// 409, 413 (body over Serving:MaxBodyBytes), 415, 429 (rate limit, full queue or too many sessions/jobs;
/// with Retry-After), 503 (nothing loaded yet).
/// </summary>
public static class ResponseDocs
{
    /// <summary>What every prediction can answer besides its result.</summary>
    public static readonly int[] Prediction = [400, 404, 413, 429, 503];

    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Distinct())
        {
            if (status == StatusCodes.Status400BadRequest) builder.ProducesValidationProblem();
            else builder.ProducesProblem(status);
        }
        return builder;
    }
}
