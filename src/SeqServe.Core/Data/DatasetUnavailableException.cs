namespace SeqServe.Core.Data;

/// <summary>A dataset could not be fetched or verified; the message says what to do about it.</summary>
public sealed class DatasetUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
