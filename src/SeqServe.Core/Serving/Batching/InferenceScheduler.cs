using System.Diagnostics;
using SeqServe.Core.Runtime;

namespace SeqServe.Core.Serving.Batching;

/// <summary>
/// The one batcher every task shares. Validated request items go onto a bounded queue per model; a fixed
/// set of inference threads (the only request-serving threads that touch torch) takes the oldest item of
/// any model, gathers up to MaxBatch compatible items (same model version and operation, equal kernel
/// group, similar length), waiting at most MaxDelayMs for more, runs one forward pass and completes each
/// item. Items whose request was cancelled are dropped before they are computed. A queue that cannot take
/// all items of a request refuses the request (<see cref="QueueFullException"/>).
/// </summary>
public sealed class InferenceScheduler : IDisposable
{
    /// <summary>A bucket holds lengths within this factor of its oldest item's length (plus <see cref="BucketSlack"/>).</summary>
    public const double BucketRatio = 1.5;
    public const int BucketSlack = 8;

    private readonly object gate = new();
    private readonly Dictionary<string, List<WorkItem>> queues = new(StringComparer.Ordinal);
    /// <summary>
    /// The events of idle inference threads, most recently idle last (under gate). A waker takes an event off this
    /// list under the lock and sets it after letting go, so a woken thread never contends for a lock its waker
    /// still holds; the events do not spin (on a small machine a spinning idle thread takes a busy one's core).
    /// </summary>
    private readonly List<ManualResetEventSlim> idle = [];
    private readonly Thread[] threads;
    private readonly SchedulerSettings settings;
    private readonly long maxDelayTicks;
    private double itemsPerSecond = 100;
    private bool stopping;

    public BatchingMetrics Metrics { get; }
    public SchedulerSettings Settings => settings;

    public InferenceScheduler(SchedulerSettings settings, System.Diagnostics.Metrics.IMeterFactory? meters = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.QueueLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.InferenceThreads, 1);
        this.settings = settings;
        maxDelayTicks = (long)(settings.MaxDelayMs * Stopwatch.Frequency / 1000);
        Metrics = new BatchingMetrics(meters, Depths);
        threads = new Thread[settings.InferenceThreads];
        for (var i = 0; i < threads.Length; i++)
        {
            threads[i] = new Thread(Loop) { IsBackground = true, Name = $"inference-{i}" };
            threads[i].Start();
        }
    }

    /// <summary>Queues one item per input for <paramref name="model"/> and returns their results, in order.</summary>
    public Task<TOut[]> Submit<TIn, TOut>(string model, string version, IBatchKernel<TIn, TOut> kernel,
        IReadOnlyList<TIn> inputs, CancellationToken cancellation = default)
    {
        if (inputs.Count == 0) return Task.FromResult(Array.Empty<TOut>());
        var request = settings.Enabled ? null : new object();
        var items = new KernelItem<TIn, TOut>[inputs.Count];
        for (var i = 0; i < items.Length; i++)
            items[i] = new KernelItem<TIn, TOut>(kernel, inputs[i])
            {
                Kernel = kernel, Version = version, Cancellation = cancellation,
                Group = request ?? kernel.GroupOf(inputs[i]), Length = kernel.LengthOf(inputs[i]),
            };
        Enqueue(model, items);
        return Task.WhenAll(items.Select(i => i.Completion.Task));
    }

    /// <summary>
    /// Runs <paramref name="body"/> on an inference thread, alone (generation, stateful steps, explanations;
    /// loading a model version with <paramref name="beyondLimit"/>, which the queue limit never refuses).
    /// </summary>
    public Task<T> RunAlone<T>(string model, string version, Func<T> body, CancellationToken cancellation = default, bool beyondLimit = false)
    {
        var item = new SoloItem<T>(body) { Kernel = new object(), Version = version, Cancellation = cancellation };
        Enqueue(model, [item], beyondLimit);
        return item.Completion.Task;
    }

    /// <summary>Items waiting for <paramref name="model"/>.</summary>
    public int Depth(string model)
    {
        lock (gate) return queues.TryGetValue(model, out var q) ? q.Count : 0;
    }

    private IEnumerable<(string, int)> Depths()
    {
        lock (gate) return queues.Select(q => (q.Key, q.Value.Count)).ToList();
    }

    private void Enqueue(string model, IReadOnlyList<WorkItem> items, bool beyondLimit = false)
    {
        ManualResetEventSlim[]? woken = null;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(stopping, this);
            if (!queues.TryGetValue(model, out var queue)) queues[model] = queue = [];
            if (!beyondLimit && queue.Count + items.Count > settings.QueueLimit)
            {
                var retry = (int)Math.Clamp(Math.Ceiling((queue.Count + items.Count) / Math.Max(1, itemsPerSecond)), 1, 60);
                throw new QueueFullException(model, queue.Count, settings.QueueLimit, retry);
            }
            queue.AddRange(items);
            // Wake as many idle inference threads as there is work for, not all of them: on a small machine every
            // needless wake-up is a context switch the request pays for.
            var count = Math.Min(idle.Count, items.Count);
            if (count > 0)
            {
                woken = [.. idle[^count..]];
                idle.RemoveRange(idle.Count - count, count);
            }
        }
        if (woken is not null) foreach (var ready in woken) ready.Set();
    }

    private void Loop()
    {
        TorchThreads.UseOnCurrentThread(settings.IntraOpThreads);
        SeqServe.Core.Runtime.NativeRuntime.FlushDenormalsOnThisThread();
        using var ready = new ManualResetEventSlim(false, spinCount: 0);
        while (Take(ready) is var (model, batch) && batch.Count > 0)
            Run(model, batch);
    }

    /// <summary>Blocks until a batch is due; (null, empty) when stopping. <paramref name="ready"/> is this thread's wake-up.</summary>
    private (string? Model, List<WorkItem> Batch) Take(ManualResetEventSlim ready)
    {
        while (true)
        {
            TimeSpan wait;
            ManualResetEventSlim? wakeAnother = null;
            (string? Model, List<WorkItem> Batch)? taken = null;
            lock (gate)
            {
                if (stopping) return (null, []);
                DropCancelled();
                var (model, queue) = OldestQueue();
                if (queue is null)
                    wait = Timeout.InfiniteTimeSpan;
                else
                {
                    var head = queue[0];
                    var compatible = Compatible(queue, head);
                    var waited = Stopwatch.GetTimestamp() - head.EnqueuedAt;
                    var due = !head.Batchable || !settings.Enabled || compatible.Count >= settings.MaxBatch || waited >= maxDelayTicks;
                    if (due)
                    {
                        var batch = Bucket(compatible, head);
                        foreach (var item in batch) item.Taken = true;
                        queue.RemoveAll(static i => i.Taken);
                        // Work left behind goes to another idle thread, woken once this one has let go of the lock.
                        if (idle.Count > 0 && HasWork())
                        {
                            wakeAnother = idle[^1];
                            idle.RemoveAt(idle.Count - 1);
                        }
                        taken = (model, batch);
                        wait = TimeSpan.Zero;
                    }
                    else
                    {
                        var remaining = TimeSpan.FromSeconds((double)(maxDelayTicks - waited) / Stopwatch.Frequency);
                        wait = remaining < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : remaining;
                    }
                }
                if (taken is null)
                {
                    ready.Reset();
                    idle.Add(ready);
                }
            }
            wakeAnother?.Set();
            if (taken is { } result) return result;
            if (ready.Wait(wait)) continue;
            // Timed out (waiting out MaxDelayMs). Still on the idle list: leave it. Taken off it by a waker: its
            // Set is on the way; wait for it, so the event is not left set for a later wait.
            bool claimed;
            lock (gate) claimed = !idle.Remove(ready);
            if (claimed) ready.Wait();
        }
    }

    /// <summary>Items are waiting in some queue (under gate).</summary>
    private bool HasWork()
    {
        foreach (var queue in queues.Values)
            if (queue.Count > 0) return true;
        return false;
    }

    private void DropCancelled()
    {
        foreach (var (model, queue) in queues)
        {
            for (var i = queue.Count - 1; i >= 0; i--)
            {
                if (!queue[i].Cancellation.IsCancellationRequested) continue;
                var item = queue[i];
                queue.RemoveAt(i);
                item.Cancel();
                Metrics.Dropped(model, item.Version);
            }
        }
    }

    private (string? Model, List<WorkItem>? Queue) OldestQueue()
    {
        (string? Model, List<WorkItem>? Queue) best = (null, null);
        foreach (var (model, queue) in queues)
            if (queue.Count > 0 && (best.Queue is null || queue[0].EnqueuedAt < best.Queue[0].EnqueuedAt))
                best = (model, queue);
        return best;
    }

    /// <summary>Items that may share the head's pass, oldest first (at most a few batches' worth, for bucketing).</summary>
    private List<WorkItem> Compatible(List<WorkItem> queue, WorkItem head)
    {
        var result = new List<WorkItem>();
        if (!head.Batchable) return [head];
        foreach (var item in queue)
        {
            if (ReferenceEquals(item.Kernel, head.Kernel) && Equals(item.Group, head.Group)) result.Add(item);
            if (result.Count >= 4 * settings.MaxBatch) break;
        }
        return result;
    }

    /// <summary>The head and the compatible items closest to its length, at most MaxBatch.</summary>
    private List<WorkItem> Bucket(List<WorkItem> compatible, WorkItem head)
    {
        if (compatible.Count <= 1) return compatible;
        var low = (head.Length - BucketSlack) / BucketRatio;
        var high = head.Length * BucketRatio + BucketSlack;
        if (compatible.Count <= settings.MaxBatch && compatible.TrueForAll(i => i.Length >= low && i.Length <= high))
            return compatible; // the common case under load: everything waiting fits one pass; no sorting under the lock
        return [.. compatible.Where(i => i.Length >= low && i.Length <= high)
            .OrderBy(i => Math.Abs(i.Length - head.Length)).ThenBy(i => i.EnqueuedAt)
            .Take(settings.MaxBatch)];
    }

    private void Run(string? model, List<WorkItem> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            batch[0].Execute(batch);
        }
        catch (Exception) when (batch.Count > 1)
        {
            // An item that passed validation but still fails must not fail its neighbours: run each alone.
            foreach (var item in batch)
            {
                try { item.Execute([item]); }
                catch (Exception e) { item.Fail(e); }
            }
        }
        catch (Exception e)
        {
            batch[0].Fail(e);
        }
        var ended = Stopwatch.GetTimestamp();
        var seconds = (double)(ended - started) / Stopwatch.Frequency;
        Metrics.Batch(model!, batch[0].Version, batch.Count, seconds,
            batch.Select(i => (double)(started - i.EnqueuedAt) / Stopwatch.Frequency));
        // An estimate for Retry-After only: threads may race on it without harm (a double is written whole on 64-bit).
        itemsPerSecond = 0.8 * itemsPerSecond + 0.2 * (batch.Count / Math.Max(seconds, 1e-6));
    }

    public void Dispose()
    {
        List<WorkItem> left;
        ManualResetEventSlim[] sleepers;
        lock (gate)
        {
            if (stopping) return;
            stopping = true;
            left = [.. queues.Values.SelectMany(q => q)];
            foreach (var queue in queues.Values) queue.Clear();
            sleepers = [.. idle];
            idle.Clear();
        }
        foreach (var ready in sleepers) ready.Set(); // every idle thread wakes, sees the scheduler stopping and ends
        foreach (var item in left) item.Fail(new ObjectDisposedException(nameof(InferenceScheduler), "the service is stopping"));
        foreach (var thread in threads) thread.Join(TimeSpan.FromSeconds(10));
        Metrics.Dispose();
    }
}
