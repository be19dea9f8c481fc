namespace SeqServe.Tests;

/// <summary>Folders tests use: a private temp folder per test, and the shared, git-ignored dataset cache.</summary>
public static class TestPaths
{
    /// <summary>The repository root (the folder holding SeqServe.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Dataset packages are large and pinned by checksum, so every test shares one cache.</summary>
    public static string DataCache { get; } =
        Environment.GetEnvironmentVariable("SEQSERVE_DATA_CACHE") is { Length: > 0 } env
            ? env
            : Path.Combine(RepoRoot, ".data-cache");

    public static string NewTempDir(string prefix = "seqserve-test")
    {
        var dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SeqServe.sln"))) return dir.FullName;
        throw new InvalidOperationException("SeqServe.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temp folder deleted when the test ends.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = TestPaths.NewTempDir();

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
