using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SeqServe.Api.Errors;
using SeqServe.Api.Hosting;
using SeqServe.Api.OpenApi;
using SeqServe.Api.Predict;
using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Api.Sessions;

/// <summary>
/// Stateful sessions, the serving form of RNNCell/LSTMCell: the server keeps the hidden state between
/// calls, so feeding a series a few values at a time gives the outputs of feeding it whole. A session
/// stays on the model version that created it, even after another version is promoted.
/// </summary>
public static class SessionsApi
{
    public const string Section = "Sessions";

    public static IServiceCollection AddSequenceSessions(this IServiceCollection services)
    {
        services.AddOptions<SessionLimits>().BindConfiguration(Section)
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.MaxSessions > 0 && o.MaxStepsPerCall > 0,
                "Sessions: IdleTimeout, MaxSessions and MaxStepsPerCall must be positive.")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SessionStore(sp.GetRequiredService<IOptions<SessionLimits>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<SessionJanitor>();
        return services;
    }

    public static RouteGroupBuilder MapSessionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/sequence/{model}/sessions").WithTags("Sessions");

        group.MapPost("/", Create)
            .WithName("CreateSession")
            .WithSummary("Open a stateful session on a per-step model (its hidden state starts at zero).")
            .WithDescription("No body. Answers 201 with the session id and when it expires if idle (Sessions:IdleTimeout, " +
                             "renewed by every step). At most Sessions:MaxSessions sessions are open at once: past that, 429. " +
                             "The session stays on the version serving now (or the one named with `?version=`).")
            .WithRouteExample("model", "sine-cosine")
            .ProducesProblems(400, 404, 429, 503);

        group.MapPost("/{id}/step", Step)
            .WithName("StepSession")
            .WithSummary("Feed the next values of the series; the hidden state is carried on from the previous call.")
            .WithDescription("`inputs`: scalars `[x, …]` or feature vectors `[[f1, f2], …]`; one output per input. " +
                             "An unknown, deleted or expired session is a 404.")
            .WithRequestExample(new { inputs = new[] { 0.0, 0.0998, 0.1987, 0.2955 } })
            .WithRouteExample("model", "sine-cosine")
            .ProducesProblems(400, 404, 413, 429, 503);

        group.MapDelete("/{id}", Delete)
            .WithName("DeleteSession")
            .WithSummary("Close a session and free its state.")
            .WithRouteExample("model", "sine-cosine")
            .ProducesProblems(404);
        return group;
    }

    private static async Task<Results<Created<CreateSessionResponse>, ValidationProblem, ProblemHttpResult>> Create(
        string model, ModelLookup lookup, SessionStore sessions, CancellationToken cancel, string? version = null)
    {
        var (found, problem) = await lookup.Find<IStatefulStepper>(model, version, "sessions", cancel);
        if (problem is not null) return problem;
        var keepAlive = found!.Lease.Share(); // the session keeps its version loaded until it is closed or expires
        try
        {
            var session = sessions.Create(model, found.Version.Version, found.Model, keepAlive);
            return TypedResults.Created($"/v1/sequence/{model}/sessions/{session.Id}",
                new CreateSessionResponse(session.Id, model, session.Version, session.ExpiresAt));
        }
        catch (SessionLimitException e)
        {
            keepAlive.Dispose();
            return TypedResults.Problem($"sessions: {e.Message} (Sessions:MaxSessions)", statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many sessions.");
        }
    }

    private static async Task<Results<Ok<StepResponse>, ValidationProblem, ProblemHttpResult>> Step(
        string model, string id, StepRequest request, SessionStore sessions, InferenceScheduler inference,
        IOptions<ServingOptions> limits, CancellationToken cancel)
    {
        if (sessions.Find(model, id) is not { } session) return Gone(model, id);
        var (inputs, error) = SingleSequenceInput.Parse(request.Inputs.Json, sessions.Options.MaxStepsPerCall, limits.Value.MaxFeatures);
        if (error is not null) return Problems.Invalid("inputs", error);
        try
        {
            // A step carries its session's state: unbatched, on an inference thread.
            var outputs = await inference.RunAlone(model, session.Version, () => session.Step(inputs!), cancel);
            return TypedResults.Ok(new StepResponse(session.Id, model, session.Version, outputs, session.Steps, session.ExpiresAt));
        }
        catch (ObjectDisposedException)
        {
            return Gone(model, id); // expired or deleted while this call waited
        }
    }

    private static Results<NoContent, ProblemHttpResult> Delete(string model, string id, SessionStore sessions) =>
        sessions.Delete(model, id) ? TypedResults.NoContent() : Gone(model, id);

    private static ProblemHttpResult Gone(string model, string id) =>
        Problems.NotFound($"Model '{model}' has no open session '{id}': it never existed, was deleted, or expired after being idle (Sessions:IdleTimeout).");
}
