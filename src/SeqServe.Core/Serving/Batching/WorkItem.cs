using System.Diagnostics;

namespace SeqServe.Core.Serving.Batching;

/// <summary>One queued unit of inference: an item of a request, waiting for an inference thread.</summary>
internal abstract class WorkItem
{
    /// <summary>Items batch together only with the same kernel (one loaded model version and operation) …</summary>
    public required object Kernel { get; init; }
    /// <summary>… and an equal group (the kernel's, or the request itself when batching is off).</summary>
    public object? Group { get; init; }
    public required string Version { get; init; }
    public int Length { get; init; }
    public CancellationToken Cancellation { get; init; }
    public long EnqueuedAt { get; } = Stopwatch.GetTimestamp();
    /// <summary>Set (under the scheduler's lock) when the item joins a batch, just before it leaves its queue.</summary>
    public bool Taken { get; set; }
    /// <summary>False for work that always runs alone.</summary>
    public virtual bool Batchable => true;

    /// <summary>Runs one pass over <paramref name="batch"/> (items of this item's kernel) and completes each.</summary>
    public abstract void Execute(IReadOnlyList<WorkItem> batch);
    public abstract void Fail(Exception error);
    public abstract void Cancel();
}

/// <summary>An item of a batchable kernel.</summary>
internal sealed class KernelItem<TIn, TOut>(IBatchKernel<TIn, TOut> kernel, TIn input) : WorkItem
{
    public TIn Input { get; } = input;
    public TaskCompletionSource<TOut> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Execute(IReadOnlyList<WorkItem> batch)
    {
        var inputs = new TIn[batch.Count];
        for (var i = 0; i < batch.Count; i++) inputs[i] = ((KernelItem<TIn, TOut>)batch[i]).Input;
        var outputs = kernel.Run(inputs);
        if (outputs.Length != inputs.Length)
            throw new InvalidOperationException($"the kernel answered {outputs.Length} results for {inputs.Length} inputs");
        for (var i = 0; i < batch.Count; i++) ((KernelItem<TIn, TOut>)batch[i]).Completion.TrySetResult(outputs[i]);
    }

    public override void Fail(Exception error) => Completion.TrySetException(error);
    public override void Cancel() => Completion.TrySetCanceled(Cancellation);
}

/// <summary>Work that is never batched (generation, stateful steps, explanations), run on an inference thread all the same.</summary>
internal sealed class SoloItem<T> : WorkItem
{
    private readonly Func<T> body;

    public SoloItem(Func<T> body) => this.body = body;

    public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public override bool Batchable => false;

    public override void Execute(IReadOnlyList<WorkItem> batch) => Completion.TrySetResult(body());
    public override void Fail(Exception error) => Completion.TrySetException(error);
    public override void Cancel() => Completion.TrySetCanceled(Cancellation);
}
