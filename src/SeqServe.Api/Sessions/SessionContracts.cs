using System.Text.Json;

namespace SeqServe.Api.Sessions;

public sealed record CreateSessionResponse(string SessionId, string Model, string Version, DateTimeOffset ExpiresAt);

/// <summary>The next steps of the session's series: scalars <c>[x, …]</c> or feature vectors <c>[[f1, f2], …]</c>.</summary>
public sealed record StepRequest(JsonElement Inputs);
public sealed record StepResponse(string SessionId, string Model, string Version, float[] Outputs, long Steps, DateTimeOffset ExpiresAt);
