using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SeqServe.Serving.Bench;

/// <summary>
/// A closed-loop load from wrk, a separate native process: <c>clients</c> connections, each sending one request after
/// another (one text per request, cycling through the bodies) for the duration. Its own CPU
/// cost is a small fraction of an in-process .NET client's, which matters when the load shares the service's cores.
/// </summary>
public sealed class WrkLoad(Uri service) : ILoad
{
    public string Name => "wrk";

    /// <summary>wrk on the PATH (the bench's launcher installs it where it can).</summary>
    public static bool Available() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "wrk")));

    public async Task<LoadResult> Run(string path, IReadOnlyList<byte[]> bodies, int clients, TimeSpan duration)
    {
        var threads = Math.Min(clients, Math.Max(1, Environment.ProcessorCount));
        var script = Path.Combine(Path.GetTempPath(), $"seqserve-wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Script(path, bodies));
        try
        {
            var info = new ProcessStartInfo("wrk") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { $"-t{threads}", $"-c{clients}", "-d" + Math.Max(1, (int)Math.Round(duration.TotalSeconds)) + "s", "--timeout", "60s", "-s", script, service.ToString().TrimEnd('/') + path })
                info.ArgumentList.Add(arg);
            using var wrk = Process.Start(info)!;
            var output = wrk.StandardOutput.ReadToEndAsync();
            var errors = wrk.StandardError.ReadToEndAsync();
            await wrk.WaitForExitAsync();
            var line = (await output).Split('\n').FirstOrDefault(l => l.StartsWith("SEQSERVE ", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"wrk printed no result (exit {wrk.ExitCode}): {await errors}{await output}");
            var f = line.Split(' ')[1..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            // f: requests answered, errors (non-2xx/3xx, connect, read, write, timeout), p50 ms, p99 ms, seconds.
            return new LoadResult((int)f[0], (int)f[1], f[2], f[3], f[0] / f[4]);
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>The Lua script: every thread cycles through the bodies from its own offset; done() prints the figures.</summary>
    private static string Script(string path, IReadOnlyList<byte[]> bodies)
    {
        var lua = new StringBuilder();
        lua.AppendLine("local bodies = {");
        foreach (var body in bodies) lua.Append("[=====[").Append(Encoding.UTF8.GetString(body)).AppendLine("]=====],");
        lua.AppendLine("}");
        lua.AppendLine($"local path = \"{path}\"");
        lua.AppendLine("""
            local headers = { ["Content-Type"] = "application/json" }
            local next_id = 0
            function setup(thread) thread:set("offset", next_id * 7919); next_id = next_id + 1 end
            local sent = 0
            function request()
              sent = sent + 1
              return wrk.format("POST", path, headers, bodies[((offset or 0) + sent) % #bodies + 1])
            end
            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("SEQSERVE %d %d %.4f %.4f %.6f\n", summary.requests,
                e.status + e.connect + e.read + e.write + e.timeout,
                latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.duration / 1e6))
            end
            """);
        return lua.ToString();
    }
}
