using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using SeqServe.Jobs;
using SeqServe.Jobs.Hosting;

namespace SeqServe.Api.Hosting;

/// <summary>
/// Composes and runs the host. A configuration that makes start-up impossible (a bad setting, a job
/// store that cannot be opened) ends with one line saying which setting, and exit code 1.
/// </summary>
public static class HostRun
{
    /// <summary>This build started again as a child training process: <c>dotnet SeqServe.Api.dll run-job …</c>.</summary>
    public static ChildCommand ChildCommand()
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
            : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
            : "dotnet";
        return new ChildCommand(dotnet, [typeof(Program).Assembly.Location]);
    }

    public static async Task<int> RunAsync(Func<WebApplication> compose)
    {
        try
        {
            await compose().RunAsync();
            return 0;
        }
        catch (Exception e) when (e is JobStoreUnavailableException or OptionsValidationException or ValidationException)
        {
            await Console.Error.WriteLineAsync($"seqserve: cannot start: {e.Message}");
            return 1;
        }
    }
}
