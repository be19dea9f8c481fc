using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Infrastructure;

/// <summary>
/// The service as a real OS process (the built SeqServe.Api.dll on a free loopback port), for tests
/// that must kill it the hard way.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;

    public HttpClient Client { get; }

    private ServiceProcess(Process process, int port)
    {
        this.process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public static async Task<ServiceProcess> StartAsync(string root)
    {
        var port = FreePort();
        var dll = typeof(Program).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var arg in new[]
                 {
                     dll, "--urls", $"http://127.0.0.1:{port}", "--Storage:Root", root,
                     "--Storage:DataCachePath", TestPaths.DataCache, "--Worker:PollSeconds", "1",
                     "--Worker:ProgressWriteSeconds", "0.2", "--Serilog:MinimumLevel:Default", "Warning",
                 })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                if ((await service.Client.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK) return service;
            }
            catch (HttpRequestException) { }
            if (process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"the service did not start (exited: {process.HasExited})");
            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no chance to hand work back — a crash.</summary>
    public void Crash()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
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
