using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using SeqServe.Jobs.Hosting;

namespace SeqServe.Api.Hosting;

/// <summary>
/// Composes and runs the host. A configuration that makes start-up impossible (a bad setting, a job
/// store that cannot be opened) ends with one line saying which setting, and exit code 1.
/// </summary>
public static class HostRun
{
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
