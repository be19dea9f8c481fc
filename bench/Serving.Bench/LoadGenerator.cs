using System.Diagnostics;
using System.Net.Http.Headers;

namespace SeqServe.Serving.Bench;

/// <summary>What one load run measured: requests, errors (non-200 or failed), latency percentiles, throughput.</summary>
public sealed record LoadResult(int Requests, int Errors, double P50Ms, double P99Ms, double ItemsPerSecond);

/// <summary>
/// An in-process closed-loop load generator: <c>clients</c> tasks, each with its own connection, send one request
/// after another (one text per request) until <c>requests</c> have been sent in all.
/// </summary>
public sealed class LoadGenerator(Uri service)
{
    public async Task<LoadResult> Run(string path, IReadOnlyList<byte[]> bodies, int clients, int requests)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = service, Timeout = TimeSpan.FromSeconds(60) };
        var latencies = new double[requests];
        var next = -1;
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                using var content = new ByteArrayContent(bodies[i % bodies.Count]);
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
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        return new LoadResult(requests, errors, Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 99), requests / seconds);
    }
}
