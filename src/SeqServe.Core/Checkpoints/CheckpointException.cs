namespace SeqServe.Core.Checkpoints;

/// <summary>A checkpoint that must not be served: missing, corrupt, or not matching its manifest.</summary>
public sealed class CheckpointException(string message, Exception? inner = null) : Exception(message, inner);
