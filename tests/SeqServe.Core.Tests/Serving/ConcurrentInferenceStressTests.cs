using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime;
using SeqServe.Core.Serving;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Serving;

/// <summary>
/// Every shipped model, called from several threads at once while another thread forces garbage collections
/// (server GC, as the web host runs): a native call must never see a Scalar or Tensor the GC has already
/// finalized. Any exception fails the test.
/// </summary>
public class ConcurrentInferenceStressTests
{
    public static TheoryData<string> Models => [.. ShippedModels.Names];

    [Fact]
    public void The_tests_run_with_server_gc_like_the_web_host() => Assert.True(GCSettings.IsServerGC);

    [Theory]
    [MemberData(nameof(Models))]
    public void Concurrent_calls_under_forced_gcs_never_fail(string model)
    {
        var (_, served) = ShippedModels.Load(model);
        var errors = new ConcurrentQueue<Exception>();
        var calls = 0;
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true);
                GC.WaitForPendingFinalizers();
                Thread.Sleep(1);
            }
        });
        var callers = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            var call = ModelCalls.For(served, new Random(t));
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 2000 && clock.Elapsed < TimeSpan.FromSeconds(2); i++)
            {
                try { call(); Interlocked.Increment(ref calls); }
                catch (Exception e) { errors.Enqueue(e); }
            }
        })).ToList();

        collector.Start();
        callers.ForEach(c => c.Start());
        callers.ForEach(c => c.Join());
        stop.Cancel();
        collector.Join();

        Assert.True(errors.IsEmpty, $"{model}: {errors.Count} of {calls + errors.Count} calls failed; first: {errors.FirstOrDefault()}");
        Assert.True(calls >= 4, $"{model}: only {calls} calls ran");
    }
}
