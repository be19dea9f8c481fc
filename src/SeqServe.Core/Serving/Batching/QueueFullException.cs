namespace SeqServe.Core.Serving.Batching;

/// <summary>A model's queue cannot take a request's items now; the API answers 429 with <see cref="RetryAfterSeconds"/>.</summary>
public sealed class QueueFullException(string model, int queued, int limit, int retryAfterSeconds)
    : Exception($"The queue of model '{model}' holds {queued} items; its limit is {limit} (Serving:Batching:QueueLimit). Retry later.")
{
    public string Model { get; } = model;
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
