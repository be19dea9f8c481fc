using System.ComponentModel.DataAnnotations;
using SeqServe.Api.Predict;

namespace SeqServe.Api.Sessions;

public sealed record CreateSessionResponse(string SessionId, string Model, string Version, DateTimeOffset ExpiresAt);

/// <summary>The next steps of the session's series: scalars <c>[x, …]</c> or feature vectors <c>[[f1, f2], …]</c> (at most Sessions:MaxStepsPerCall).</summary>
public sealed record StepRequest
{
    [Required]
    public Series Inputs { get; init; }
}

public sealed record StepResponse(string SessionId, string Model, string Version, float[] Outputs, long Steps, DateTimeOffset ExpiresAt);
