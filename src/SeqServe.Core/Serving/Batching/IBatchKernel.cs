namespace SeqServe.Core.Serving.Batching;

/// <summary>
/// One forward pass a model can run over many independent items at once (texts, sentences, sequences).
/// <see cref="Run"/> is called on an inference thread only; the other two are plain C# and tell the batcher
/// which items may share a pass and how long each is (so it can bucket items of similar length).
/// </summary>
public interface IBatchKernel<TIn, TOut>
{
    /// <summary>Items may share a pass only when their groups are equal (e.g. equal steps, equal horizon); null: any item.</summary>
    object? GroupOf(TIn input);

    /// <summary>The item's length in steps or tokens, for length bucketing.</summary>
    int LengthOf(TIn input);

    /// <summary>One result per input, in order, from one forward pass. Inputs were validated before they were queued.</summary>
    TOut[] Run(IReadOnlyList<TIn> inputs);
}
