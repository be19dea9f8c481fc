using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Cluster;

/// <summary>A job store the configuration makes impossible: one clear line naming the setting, exit code 1, no retry loop.</summary>
[Collection(PostgresCollection.Name)]
public class JobStoreStartupTests(PostgresServer postgres)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task PostgreSQL_without_a_connection_string_exits_naming_the_setting()
    {
        using var root = new TempDir();
        var (code, output) = await ServiceProcess.RunToExitAsync(Bound, "--urls", "http://127.0.0.1:0", "--Storage:Root", root.Path,
            "--Storage:Provider", "postgres");
        Assert.Equal(1, code);
        Assert.Contains("ConnectionStrings:Jobs", output);
    }

    [Fact]
    public async Task A_database_that_does_not_exist_exits_at_once_naming_the_setting()
    {
        using var root = new TempDir();
        var (code, output) = await ServiceProcess.RunToExitAsync(Bound, "--urls", "http://127.0.0.1:0", "--Storage:Root", root.Path,
            "--Storage:Provider", "postgres", "--ConnectionStrings:Jobs", postgres.ConnectionString("no_such_database"));
        Assert.Equal(1, code);
        Assert.Contains("3D000", output);
        Assert.Contains("check ConnectionStrings:Jobs", output);
        Assert.DoesNotContain("retrying", output);
    }

    [Fact]
    public async Task An_unreachable_database_is_retried_until_the_timeout_then_exits()
    {
        using var root = new TempDir();
        var (code, output) = await ServiceProcess.RunToExitAsync(Bound, "--urls", "http://127.0.0.1:0", "--Storage:Root", root.Path,
            "--Storage:Provider", "postgres", "--ConnectionStrings:Jobs", "Host=127.0.0.1;Port=1;Database=x;Username=x;Timeout=2",
            "--Storage:StartupTimeoutSeconds", "20");
        Assert.Equal(1, code);
        Assert.Contains("not reachable", output);
        Assert.Contains("Storage:StartupTimeoutSeconds", output);
        Assert.Contains("check ConnectionStrings:Jobs", output);
    }

    [Fact]
    public async Task An_unknown_role_exits_naming_the_choices()
    {
        using var root = new TempDir();
        var (code, output) = await ServiceProcess.RunToExitAsync(Bound, "--urls", "http://127.0.0.1:0", "--Storage:Root", root.Path,
            "--Hosting:Role", "trainer");
        Assert.Equal(1, code);
        Assert.Contains("Hosting:Role is 'trainer'; it must be one of all, api, worker", output);
    }
}
