using System.Collections.Concurrent;
using SeqServe.Core.Serving.Batching;
using TorchSharp;

namespace SeqServe.Core.Tests.Serving;

/// <summary>The shared batcher with plain C# kernels: what shares a pass, what is dropped, what is refused.</summary>
public class InferenceSchedulerTests
{
    /// <summary>Doubles its inputs and records every pass it ran; a negative input makes the whole pass throw.</summary>
    private sealed class RecordingKernel(Func<int, object?>? group = null) : IBatchKernel<int, int>
    {
        public ConcurrentQueue<int[]> Passes { get; } = new();
        public object? GroupOf(int input) => group?.Invoke(input);
        public int LengthOf(int input) => Math.Abs(input);

        public int[] Run(IReadOnlyList<int> inputs)
        {
            Passes.Enqueue([.. inputs]);
            if (inputs.Any(i => i < 0)) throw new InvalidOperationException("a negative input");
            return [.. inputs.Select(i => 2 * i)];
        }
    }

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Occupies the only inference thread until the returned gate is set, so items pile up behind it.</summary>
    private static async Task<(ManualResetEventSlim Gate, Task Blocker)> Block(InferenceScheduler scheduler, string model = "m")
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new ManualResetEventSlim();
        var blocker = scheduler.RunAlone(model, "v", () => { started.SetResult(); return gate.Wait(Timeout); });
        await started.Task.WaitAsync(Timeout);
        return (gate, blocker);
    }

    [Fact]
    public async Task Queued_items_of_several_requests_share_one_pass_and_get_their_own_results()
    {
        using var scheduler = new InferenceScheduler(new SchedulerSettings(MaxBatch: 64, InferenceThreads: 1));
        var kernel = new RecordingKernel();
        var (gate, blocker) = await Block(scheduler);
        var requests = Enumerable.Range(100, 10).Select(i => scheduler.Submit("m", "v", kernel, new[] { i, i + 1 })).ToList();
        gate.Set();
        await blocker;
        var results = await Task.WhenAll(requests).WaitAsync(Timeout);

        for (var i = 0; i < results.Length; i++) Assert.Equal([2 * (100 + i), 2 * (101 + i)], results[i]);
        Assert.Single(kernel.Passes); // all 20 items had queued behind the blocker: one pass
        Assert.Equal(20, kernel.Passes.Single().Length);
    }

    [Fact]
    public async Task Items_of_different_groups_or_far_apart_lengths_never_share_a_pass()
    {
        using var scheduler = new InferenceScheduler(new SchedulerSettings(MaxBatch: 64, InferenceThreads: 1));
        var byParity = new RecordingKernel(i => i % 2);
        var (gate, blocker) = await Block(scheduler);
        var parity = scheduler.Submit("m", "v", byParity, new[] { 2, 3, 4, 5 });
        var lengths = new RecordingKernel();
        var mixed = scheduler.Submit("m", "v", lengths, new[] { 10, 12, 400, 410 });
        gate.Set();
        await blocker;
        Assert.Equal(new[] { 4, 6, 8, 10 }, await parity.WaitAsync(Timeout));
        Assert.Equal(new[] { 20, 24, 800, 820 }, await mixed.WaitAsync(Timeout));

        Assert.All(byParity.Passes, pass => Assert.Single(pass.Select(i => i % 2).Distinct()));
        Assert.Equal(2, byParity.Passes.Count);
        Assert.Equal([[10, 12], [400, 410]], lengths.Passes.Select(p => p.Order().ToArray()).OrderBy(p => p[0]).ToArray());
    }

    [Fact]
    public async Task With_batching_off_each_request_is_its_own_pass()
    {
        using var scheduler = new InferenceScheduler(new SchedulerSettings(Enabled: false, InferenceThreads: 1));
        var kernel = new RecordingKernel();
        var (gate, blocker) = await Block(scheduler);
        var requests = Enumerable.Range(1, 5).Select(i => scheduler.Submit("m", "v", kernel, new[] { i, i })).ToList();
        gate.Set();
        await blocker;
        await Task.WhenAll(requests).WaitAsync(Timeout);
        Assert.Equal(5, kernel.Passes.Count);
        Assert.All(kernel.Passes, p => Assert.Equal(2, p.Length));
    }

    [Fact]
    public async Task A_failing_item_does_not_fail_the_items_it_was_batched_with()
    {
        using var scheduler = new InferenceScheduler(new SchedulerSettings(InferenceThreads: 1));
        var kernel = new RecordingKernel();
        var (gate, blocker) = await Block(scheduler);
        var good = scheduler.Submit("m", "v", kernel, new[] { 3 });
        var bad = scheduler.Submit("m", "v", kernel, new[] { -3 });
        var alsoGood = scheduler.Submit("m", "v", kernel, new[] { 4 });
        gate.Set();
        await blocker;
        Assert.Equal(new[] { 6 }, await good.WaitAsync(Timeout));
        Assert.Equal(new[] { 8 }, await alsoGood.WaitAsync(Timeout));
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Every_thread_is_kept_busy_and_no_item_waits_for_a_wake_up_that_never_comes()
    {
        // Enqueueing wakes only as many threads as there is work for, and a thread that leaves work behind wakes
        // another: with small batches and many concurrent submitters, both threads must run and nothing may hang.
        using var scheduler = new InferenceScheduler(new SchedulerSettings(MaxBatch: 2, InferenceThreads: 2));
        var threadsSeen = new ConcurrentDictionary<int, bool>();
        var kernel = new SlowKernel(threadsSeen);
        var requests = Enumerable.Range(1, 200).Select(i => Task.Run(() => scheduler.Submit("m", "v", kernel, new[] { i }))).ToList();
        var results = await Task.WhenAll(requests).WaitAsync(Timeout);

        Assert.Equal(Enumerable.Range(1, 200).Select(i => 2 * i), results.Select(r => r.Single()));
        Assert.Equal(2, threadsSeen.Count);
    }

    [Fact]
    public async Task Items_arriving_within_MaxDelayMs_share_a_pass_and_a_lone_item_runs_once_the_delay_is_over()
    {
        using var scheduler = new InferenceScheduler(new SchedulerSettings(MaxBatch: 64, MaxDelayMs: 1000, InferenceThreads: 2));
        var kernel = new RecordingKernel();
        var requests = new[] { 1, 2, 3 }.Select(i => scheduler.Submit("m", "v", kernel, new[] { i })).ToList();
        var results = await Task.WhenAll(requests).WaitAsync(Timeout);
        Assert.Equal([[2], [4], [6]], results);
        Assert.Equal([1, 2, 3], kernel.Passes.Single().Order()); // the threads waited out the delay, woken by each arrival

        var lone = await scheduler.Submit("m", "v", kernel, new[] { 4 }).WaitAsync(Timeout); // alone: after the delay
        Assert.Equal(new[] { 8 }, lone);
        Assert.Equal(2, kernel.Passes.Count);
    }

    /// <summary>Doubles its inputs slowly enough that items pile up, and records which threads ran it.</summary>
    private sealed class SlowKernel(ConcurrentDictionary<int, bool> threads) : IBatchKernel<int, int>
    {
        public object? GroupOf(int input) => null;
        public int LengthOf(int input) => 1;

        public int[] Run(IReadOnlyList<int> inputs)
        {
            threads[Environment.CurrentManagedThreadId] = true;
            Thread.Sleep(2);
            return [.. inputs.Select(i => 2 * i)];
        }
    }

    [Fact]
    public async Task A_cancelled_request_is_dropped_before_it_is_computed()
    {
        using var scheduler = new InferenceScheduler(new SchedulerSettings(InferenceThreads: 1));
        var kernel = new RecordingKernel();
        var (gate, blocker) = await Block(scheduler);
        using var gone = new CancellationTokenSource();
        var cancelled = scheduler.Submit("m", "v", kernel, new[] { 7, 8 }, gone.Token);
        var kept = scheduler.Submit("m", "v", kernel, new[] { 9 });
        await gone.CancelAsync();
        gate.Set();
        await blocker;

        Assert.Equal(new[] { 18 }, await kept.WaitAsync(Timeout));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Timeout));
        Assert.DoesNotContain(kernel.Passes.SelectMany(p => p), i => i is 7 or 8);
    }

    [Fact]
    public async Task A_full_queue_refuses_the_whole_request_with_a_retry_delay()
    {
        using var scheduler = new InferenceScheduler(new SchedulerSettings(QueueLimit: 3, InferenceThreads: 1));
        var kernel = new RecordingKernel();
        var (gate, blocker) = await Block(scheduler);
        var first = scheduler.Submit("m", "v", kernel, new[] { 1, 2 });
        QueueFullException? full = null;
        try { _ = scheduler.Submit("m", "v", kernel, new[] { 3, 4 }); }
        catch (QueueFullException e) { full = e; }
        Assert.NotNull(full);
        Assert.Equal("m", full.Model);
        Assert.InRange(full.RetryAfterSeconds, 1, 60);
        Assert.Equal(2, scheduler.Depth("m")); // nothing of the refused request was queued
        var other = scheduler.Submit("other-model", "v", kernel, new[] { 5, 6 }); // another model's queue is its own
        gate.Set();
        await blocker;
        Assert.Equal(new[] { 2, 4 }, await first.WaitAsync(Timeout));
        Assert.Equal(new[] { 10, 12 }, await other.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Inference_threads_use_their_own_intra_op_thread_count_and_leave_the_process_default_alone()
    {
        var before = await Task.Factory.StartNew(torch.get_num_threads, TaskCreationOptions.LongRunning);
        var wanted = before == 1 ? 2 : 1;
        using var scheduler = new InferenceScheduler(new SchedulerSettings(InferenceThreads: 1, IntraOpThreads: wanted));
        var onInferenceThread = await scheduler.RunAlone("m", "v", torch.get_num_threads).WaitAsync(Timeout);
        var onFreshThread = await Task.Factory.StartNew(torch.get_num_threads, TaskCreationOptions.LongRunning);
        Assert.Equal(wanted, onInferenceThread);
        Assert.Equal(before, onFreshThread);
    }
}
