using System.Diagnostics;
using System.Text.Json.Nodes;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Cli;

/// <summary>The train command as a user runs it, output redirected (as in CI logs): progress, summary table, --json.</summary>
public class TrainCommandTests
{
    private static string WorkerDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        return Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "src", "SeqServe.Worker", "bin", configuration), "SeqServe.Worker.dll",
                SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).First();
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> Train(string root, params string[] args)
    {
        var dll = WorkerDll();
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var arg in (string[])[dll, "train", "--dataset", "hello-ohlol", "--spec", SpecFile(root), .. args,
                     "--Storage:Root", root, "--Storage:DataCachePath", TestPaths.DataCache])
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string SpecFile(string root)
    {
        var path = Path.Combine(root, "spec.json");
        File.WriteAllText(path, """{"training": {"epochs": 2}}""");
        return path;
    }

    [Fact]
    public async Task Train_shows_progress_and_a_summary_table_with_where_the_checkpoint_went()
    {
        using var root = new TempDir();
        var (exit, stdout, stderr) = await Train(root.Path, "--model", "cli-table");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("epoch 2/2", stdout);
        Assert.Contains("testAccuracy", stdout);
        Assert.Contains("(promoted)", stdout);
        var version = Assert.Single(Directory.GetDirectories(Path.Combine(root.Path, "data", "models", "cli-table"))); // the writable store
        Assert.Contains(Path.GetFileName(version), stdout);
        Assert.DoesNotContain("\u001b[", stdout); // no terminal escapes when the output is not a terminal
    }

    [Fact]
    public async Task Train_json_prints_one_json_object_and_nothing_else()
    {
        using var root = new TempDir();
        var (exit, stdout, stderr) = await Train(root.Path, "--model", "cli-json", "--no-promote", "--json");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        var result = JsonNode.Parse(stdout)!.AsObject(); // throws if anything else was printed
        Assert.Equal("cli-json", result["name"]!.GetValue<string>());
        Assert.False(result["promoted"]!.GetValue<bool>());
        Assert.Equal(2, result["epochs"]!.GetValue<int>());
        Assert.InRange(result["metrics"]!["testAccuracy"]!.GetValue<double>(), 0, 1);
        var path = result["path"]!.GetValue<string>();
        Assert.True(File.Exists(Path.Combine(path, "manifest.json")), path);
        Assert.False(File.Exists(Path.Combine(root.Path, "data", "models", "cli-json", "PROMOTED")));
    }
}
