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
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> output = new();

    public HttpClient Client { get; }

    /// <summary>The last lines the process wrote (for failure messages).</summary>
    public string OutputTail => string.Join('\n', output.TakeLast(40));

    private ServiceProcess(Process process, int port)
    {
        this.process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Client.DefaultRequestHeaders.Add("X-Api-Key", TestKeys.Admin);
    }

    public static Task<ServiceProcess> StartAsync(string root, params string[] settings) =>
        StartInAsync(null, ["--Storage:Root", root, "--Storage:ModelsPath", "models", .. settings]);

    /// <summary>
    /// Starts the service from <paramref name="workingDirectory"/> (default: the program's folder) with only
    /// the test settings and <paramref name="settings"/>: no storage root unless given.
    /// </summary>
    public static async Task<ServiceProcess> StartInAsync(string? workingDirectory, params string[] settings)
    {
        var port = FreePort();
        var info = StartInfo();
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        foreach (var arg in new[]
                 {
                     "--urls", $"http://127.0.0.1:{port}",
                     "--Storage:DataCachePath", TestPaths.DataCache, "--Worker:PollSeconds", "1",
                     "--Worker:ProgressWriteSeconds", "0.2", "--Serilog:MinimumLevel:Default", "Warning",
                 })
            info.ArgumentList.Add(arg);
        foreach (var arg in TestKeys.Arguments.Concat(settings)) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        var service = new ServiceProcess(process, port);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                if ((await service.Client.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK) return service;
            }
            catch (HttpRequestException) { }
            if (process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"the service did not start (exited: {process.HasExited}):\n{service.OutputTail}");
            await Task.Delay(200);
        }
    }

    /// <summary>Runs the service with <paramref name="args"/> until it exits by itself (bounded); returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(TimeSpan timeout, params string[] args)
    {
        var info = StartInfo();
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cancel.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"the service was still running after {timeout}:\n{await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>dotnet SeqServe.Api.dll, from its own folder, with its output captured; arguments follow.</summary>
    private static ProcessStartInfo StartInfo()
    {
        var dll = typeof(Program).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        return info;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        output.Enqueue(line);
        while (output.Count > 200) output.TryDequeue(out _);
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
