using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace SeqServe.Serving.Bench;

/// <summary>What one load run measured: requests, errors (non-200 or failed), latency percentiles, throughput.</summary>
public sealed record LoadResult(int Requests, int Errors, double P50Ms, double P99Ms, double ItemsPerSecond);

/// <summary>A closed-loop load: <c>clients</c> concurrent senders, one text per request, for <c>duration</c>.</summary>
public interface ILoad
{
    string Name { get; }
    Task<LoadResult> Run(string path, IReadOnlyList<byte[]> bodies, int clients, TimeSpan duration);

    /// <summary>wrk when it is installed (the bench's launcher installs it where it can), else the in-process generator.</summary>
    static ILoad For(Uri service) => WrkLoad.Available() ? new WrkLoad(service) : new LoadGenerator(service);
}

/// <summary>
/// An in-process closed-loop load generator: <c>clients</c> tasks, each with its own connection, send one request
/// after another (one text per request) for the duration. The fallback when wrk is not installed: its own CPU
/// (HttpClient, GC) competes with the service's on a small machine.
/// </summary>
public sealed class LoadGenerator(Uri service) : ILoad
{
    public string Name => "in-process HttpClient";

    public async Task<LoadResult> Run(string path, IReadOnlyList<byte[]> bodies, int clients, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = service, Timeout = TimeSpan.FromSeconds(60) };
        var latencies = new ConcurrentBag<double>();
        var next = -1;
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                using var content = new ByteArrayContent(bodies[Interlocked.Increment(ref next) % bodies.Count]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsync(path, content);
                    await response.Content.ReadAsByteArrayAsync();
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException) { Interlocked.Increment(ref errors); }
                catch (TaskCanceledException) { Interlocked.Increment(ref errors); }
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.ToArray();
        return new LoadResult(all.Length, errors, Percentiles.Of(all, 50), Percentiles.Of(all, 99), all.Length / seconds);
    }
}
