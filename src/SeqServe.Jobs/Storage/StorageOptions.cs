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

    /// <summary>Base folder for the relative paths below; default: the current directory.</summary>
    public string Root { get; set; } = ".";

    /// <summary>The checkpoint store: models/&lt;model&gt;/&lt;version&gt;/.</summary>
    [Required] public string ModelsPath { get; set; } = "models";

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

    public string Resolve(string path) => Path.GetFullPath(Path.Combine(Root, path));
    public string ModelsDir => Resolve(ModelsPath);
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
