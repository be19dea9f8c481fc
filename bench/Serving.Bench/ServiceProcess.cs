using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SeqServe.Serving.Bench;

/// <summary>The real service (the built SeqServe.Api.dll) as a child process on a free loopback port, with its own folders.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;

    public Uri Address { get; }
    public int Pid => process.Id;

    private ServiceProcess(Process process, Uri address) => (this.process, Address) = (process, address);

    /// <summary>Starts the API on a copy of <paramref name="models"/>; <paramref name="settings"/> are extra configuration pairs.</summary>
    public static async Task<ServiceProcess> Start(string repo, string root, string dataCache, IReadOnlyDictionary<string, string> settings)
    {
        var dll = Path.Combine(repo, "src/SeqServe.Api/bin/Release/net10.0/linux-x64/SeqServe.Api.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("build the API first (dotnet build src/SeqServe.Api -c Release)", dll);
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        var args = new List<string>
        {
            dll, "--urls", $"http://127.0.0.1:{port}", "--Storage:Root", root, "--Storage:DataCachePath", dataCache,
            "--Serilog:MinimumLevel:Default", "Warning", "--Worker:PollSeconds", "1",
            // The load generator is one client address: lift the per-client rate limit so it measures serving.
            "--RateLimiting:PredictPermitsPerSecond", "1000000", "--RateLimiting:PredictBurst", "1000000",
        };
        foreach (var (key, value) in settings) args.AddRange([$"--{key}", value]);
        args.ForEach(info.ArgumentList.Add);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"  [service] {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = service.Address };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return service;
            }
            catch (HttpRequestException) { }
            if (process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"the service did not become ready (exited: {process.HasExited})");
            await Task.Delay(250);
        }
    }

    /// <summary>Resident set size of the service process, in bytes.</summary>
    public long Rss()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
