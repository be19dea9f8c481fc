using System.ComponentModel.DataAnnotations;

namespace SeqServe.Worker.Storage;

/// <summary>Where SeqServe keeps its files (section "Storage"). Relative paths are under <see cref="Root"/>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Base folder for the relative paths below; default: the current directory.</summary>
    public string Root { get; set; } = ".";

    /// <summary>The checkpoint store: models/&lt;model&gt;/&lt;version&gt;/.</summary>
    [Required] public string ModelsPath { get; set; } = "models";

    /// <summary>Downloaded, checksum-verified dataset packages (git-ignored).</summary>
    [Required] public string DataCachePath { get; set; } = ".data-cache";

    /// <summary>The SQLite database holding training runs and the Quartz job store.</summary>
    [Required] public string DatabasePath { get; set; } = "data/seqserve.db";

    public string Resolve(string path) => Path.GetFullPath(Path.Combine(Root, path));
    public string ModelsDir => Resolve(ModelsPath);
    public string DataCacheDir => Resolve(DataCachePath);
    public string DatabaseFile => Resolve(DatabasePath);

    public string ConnectionString => $"Data Source={DatabaseFile};Pooling=True;Default Timeout=30";
}
