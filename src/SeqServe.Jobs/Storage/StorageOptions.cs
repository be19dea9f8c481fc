using System.ComponentModel.DataAnnotations;

namespace SeqServe.Jobs.Storage;

/// <summary>Which database holds the job store.</summary>
public enum StorageProvider { Sqlite, Postgres }

/// <summary>
/// Where SeqServe keeps its files and its job store (section "Storage"; the PostgreSQL connection
/// string is <c>ConnectionStrings:Jobs</c>). Relative paths are under <see cref="Root"/>.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";
    public const string ConnectionStringName = "Jobs";

    /// <summary>
    /// Base folder for the relative paths below. Default: the SeqServe repository the service was started
    /// from (the nearest folder above the working directory, or above the program, that holds
    /// <c>SeqServe.sln</c> and <c>models/</c>: so <c>./seqserve</c>, <c>dotnet run --project src/SeqServe.Api</c>
    /// and a run from the project folder all find the same models and data), else the working directory.
    /// </summary>
    public string? Root { get; set; }

    /// <summary>
    /// The writable checkpoint store: versions trained here, promotions and deletions
    /// (&lt;model&gt;/&lt;version&gt;/, &lt;model&gt;/PROMOTED). Under the git-ignored <c>data/</c> by default.
    /// </summary>
    [Required] public string ModelsPath { get; set; } = "data/models";

    /// <summary>
    /// The shipped models, read-only: served beside <see cref="ModelsPath"/> (whose versions and PROMOTED
    /// files take precedence) and never written. Empty: no shipped layer (one store at ModelsPath).
    /// </summary>
    public string? ShippedModelsPath { get; set; } = "models";

    /// <summary>Downloaded, checksum-verified dataset packages (git-ignored).</summary>
    [Required] public string DataCachePath { get; set; } = ".data-cache";

    /// <summary><c>sqlite</c> (embedded default, one node) or <c>postgres</c> (several nodes, clustered jobs).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>SQLite only: the database file holding training runs and the Quartz job store.</summary>
    [Required] public string DatabasePath { get; set; } = "data/seqserve.db";

    /// <summary>PostgreSQL only: an Npgsql connection string, bound from <c>ConnectionStrings:Jobs</c>.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>How long start-up waits for an unreachable database (retrying) before it gives up with a non-zero exit.</summary>
    [Range(0, 3600)] public double StartupTimeoutSeconds { get; set; } = 60;

    /// <summary>How often the model store is swept for what dead writers left (stale temp folders, empty model folders).</summary>
    [Range(5, 86400)] public double SweepSeconds { get; set; } = 60;

    /// <summary>The resolved <see cref="Root"/> (the repository search runs once, not on every path).</summary>
    public string RootDir => Root is not null ? Path.GetFullPath(Root) : foundRoot ??= Path.GetFullPath(FindRepository() ?? ".");
    private string? foundRoot;
    public string Resolve(string path) => Path.GetFullPath(Path.Combine(RootDir, path));
    public string ModelsDir => Resolve(ModelsPath);
    public string? ShippedModelsDir => string.IsNullOrWhiteSpace(ShippedModelsPath) ? null : Resolve(ShippedModelsPath);

    /// <summary>The repository this process runs from (see <see cref="Root"/>), or null.</summary>
    public static string? FindRepository()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SeqServe.sln")) && Directory.Exists(Path.Combine(dir.FullName, "models")))
                    return dir.FullName;
        return null;
    }
    public string DataCacheDir => Resolve(DataCachePath);
    public string DatabaseFile => Resolve(DatabasePath);

    public string ConnectionString => Provider == StorageProvider.Postgres
        ? PostgresConnectionString ?? ""
        : $"Data Source={DatabaseFile};Pooling=True;Default Timeout=30";

    /// <summary>Where the job store is, for log lines (never the password).</summary>
    public string Describe() => Provider == StorageProvider.Postgres
        ? "PostgreSQL " + PostgresTarget()
        : "SQLite " + DatabaseFile;

    private string PostgresTarget()
    {
        try
        {
            var b = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString);
            return $"{b.Host}:{b.Port}/{b.Database}";
        }
        catch (ArgumentException) { return "(unreadable connection string)"; }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider != StorageProvider.Postgres) yield break;
        if (string.IsNullOrWhiteSpace(PostgresConnectionString))
        {
            yield return new ValidationResult(
                $"Storage:Provider is postgres but ConnectionStrings:{ConnectionStringName} is empty; set it " +
                $"(environment: ConnectionStrings__{ConnectionStringName}=\"Host=…;Database=…;Username=…;Password=…\").",
                [nameof(PostgresConnectionString)]);
            yield break;
        }
        string? error = null;
        try { _ = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString); }
        catch (ArgumentException e) { error = e.Message; }
        if (error is not null)
            yield return new ValidationResult($"ConnectionStrings:{ConnectionStringName} is not a valid PostgreSQL connection string: {error}",
                [nameof(PostgresConnectionString)]);
    }
}
