using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SeqServe.Core.Checkpoints;

/// <summary>
/// The checkpoint store on disk: <c>&lt;root&gt;/&lt;model&gt;/&lt;version&gt;/{weights.bin, manifest.json, …}</c>
/// plus <c>&lt;root&gt;/&lt;model&gt;/PROMOTED</c> naming the served version. Versions are written into a
/// temp folder on the same volume, flushed to disk and renamed into place, so a reader never sees half a
/// checkpoint; reading verifies every file's SHA-256 against the manifest.
/// <para>
/// Layered: an optional read-only <see cref="ShippedRoot"/> (the models a build ships, kept in the
/// repository) under the writable <see cref="Root"/>. Readers see both; a version or PROMOTED file in the
/// writable layer wins. Every write (new versions, promotions, deletions, sweeps) goes to the writable
/// layer only, so using the service never changes the shipped files.
/// </para>
/// </summary>
public sealed partial class CheckpointStore(string root, string? shippedRoot = null)
{
    public const string WeightsFile = "weights.bin";
    public const string PromotedFile = "PROMOTED";
    private const string TempPrefix = ".tmp-";
    private const string DeletingPrefix = ".deleting-";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The read-only layer, or null (none, or the same folder as <see cref="Root"/>).</summary>
    public string? ShippedRoot { get; } =
        string.IsNullOrEmpty(shippedRoot) || Path.GetFullPath(shippedRoot) == Path.GetFullPath(root) ? null : Path.GetFullPath(shippedRoot);

    private IEnumerable<string> Layers => ShippedRoot is null ? [Root] : [Root, ShippedRoot];

    /// <summary>Whether a version is one of the read-only shipped ones (not in the writable layer).</summary>
    public bool IsShipped(string model, string version) =>
        ShippedRoot is not null && !Directory.Exists(Path.Combine(Root, model, version))
        && Directory.Exists(Path.Combine(ShippedRoot, model, version));

    /// <summary>A model or version name. <c>\A…\z</c>, not <c>^…$</c>: a trailing newline must not pass (names become folders).</summary>
    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,63}\z")]
    public static partial Regex NamePattern();

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>
    /// Starts a new version: returns a private temp folder to write the files into, holding a
    /// <see cref="WriteLease"/> the writer renews (<see cref="WriteLease.Renew"/>) while it trains.
    /// </summary>
    public string BeginWrite(string model)
    {
        RequireName(model);
        var dir = Path.Combine(Root, model, $"{TempPrefix}{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        WriteLease.OfThisProcess().WriteTo(dir);
        return dir;
    }

    /// <summary>
    /// Hashes the files in <paramref name="tempDir"/>, writes the manifest, flushes everything to disk and
    /// renames the folder to its version. Returns the manifest as written.
    /// </summary>
    public CheckpointManifest Commit(string tempDir, CheckpointManifest manifest)
    {
        RequireName(manifest.Name);
        var files = new Dictionary<string, string>();
        foreach (var file in Directory.GetFiles(tempDir).OrderBy(f => f, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name is CheckpointManifest.FileName or WriteLease.FileName) continue;
            Fsync(file);
            files[name] = Sha256(file);
        }
        File.Delete(Path.Combine(tempDir, WriteLease.FileName));
        if (!files.ContainsKey(manifest.ModelFile))
            throw new CheckpointException($"no {manifest.ModelFile} was written");

        var version = NewVersion();
        var final = manifest with { Version = version, Files = files, CreatedAt = DateTimeOffset.UtcNow };
        var manifestPath = Path.Combine(tempDir, CheckpointManifest.FileName);
        using (var stream = new FileStream(manifestPath, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, final, CheckpointManifest.Json);
            stream.Flush(flushToDisk: true);
        }
        Directory.Move(tempDir, Path.Combine(Root, manifest.Name, version));
        return final;
    }

    /// <summary>
    /// Removes an abandoned temp folder (a failed or cancelled training), and the model's folder too when
    /// that leaves it with nothing in it (no version, no PROMOTED, no other write under way).
    /// </summary>
    public static void Abandon(string tempDir)
    {
        try { if (Directory.Exists(tempDir)) Directory.Delete(tempDir, recursive: true); }
        catch (IOException) { /* left for the next sweep */ }
        RemoveIfEmpty(Path.GetDirectoryName(tempDir)!);
    }

    /// <summary>
    /// Removes what dead writers left: temp folders whose lease is stale or whose writer process is gone,
    /// half-deleted versions, and model folders left empty. Returns the folders removed.
    /// </summary>
    public IReadOnlyList<string> SweepAbandoned()
    {
        var removed = new List<string>();
        if (!Directory.Exists(Root)) return removed;
        var now = DateTime.UtcNow;
        foreach (var modelDir in Directory.GetDirectories(Root).Where(d => IsValidName(Path.GetFileName(d))))
        {
            foreach (var dir in Directory.GetDirectories(modelDir))
            {
                var name = Path.GetFileName(dir);
                var dead = name.StartsWith(TempPrefix, StringComparison.Ordinal) ? WriteLease.IsAbandoned(dir, now)
                    : name.StartsWith(DeletingPrefix, StringComparison.Ordinal);
                if (!dead) continue;
                try { Directory.Delete(dir, recursive: true); removed.Add(dir); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* next sweep */ }
            }
            if (RemoveIfEmpty(modelDir)) removed.Add(modelDir);
        }
        return removed;
    }

    private static bool RemoveIfEmpty(string modelDir)
    {
        try
        {
            if (!Directory.Exists(modelDir) || Directory.EnumerateFileSystemEntries(modelDir).Any()) return false;
            Directory.Delete(modelDir);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    public IReadOnlyList<string> ListModels() =>
        Layers.Where(Directory.Exists).SelectMany(Directory.GetDirectories).Select(Path.GetFileName).OfType<string>()
            .Where(IsValidName).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();

    /// <summary>Committed versions of a model in every layer, oldest first (versions sort by creation time).</summary>
    public IReadOnlyList<string> ListVersions(string model)
    {
        if (!IsValidName(model)) return [];
        return Layers.Select(layer => Path.Combine(layer, model)).Where(Directory.Exists)
            .SelectMany(Directory.GetDirectories)
            .Where(d => File.Exists(Path.Combine(d, CheckpointManifest.FileName)))
            .Select(Path.GetFileName).OfType<string>().Where(IsValidName)
            .Distinct().OrderBy(v => v, StringComparer.Ordinal).ToList();
    }

    /// <summary>Where a version's files are: the writable layer's folder, else the shipped one's (when it has it).</summary>
    public string VersionDir(string model, string version)
    {
        RequireName(model);
        RequireName(version);
        var writable = Path.Combine(Root, model, version);
        return IsShipped(model, version) ? Path.Combine(ShippedRoot!, model, version) : writable;
    }

    /// <summary>Reads a version's manifest and checks every file against its SHA-256.</summary>
    public CheckpointManifest ReadVerified(string model, string version)
    {
        var dir = VersionDir(model, version);
        CheckpointManifest manifest;
        try
        {
            using var stream = File.OpenRead(Path.Combine(dir, CheckpointManifest.FileName));
            manifest = JsonSerializer.Deserialize<CheckpointManifest>(stream, CheckpointManifest.Json)
                       ?? throw new CheckpointException("manifest.json is empty");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"manifest.json cannot be read: {e.Message}", e);
        }
        if (manifest.Format != CheckpointManifest.CurrentFormat)
            throw new CheckpointException($"manifest format {manifest.Format} is not supported (expected {CheckpointManifest.CurrentFormat})");
        if (manifest.Name != model || manifest.Version != version)
            throw new CheckpointException($"manifest names {manifest.Name}/{manifest.Version}, but it sits in {model}/{version}");
        if (!manifest.Files.ContainsKey(manifest.ModelFile))
            throw new CheckpointException($"manifest lists no {manifest.ModelFile}");
        foreach (var (file, expected) in manifest.Files)
        {
            var path = Path.Combine(dir, file);
            if (Path.GetFileName(file) != file || !File.Exists(path))
                throw new CheckpointException($"{file} is missing");
            var actual = Sha256(path);
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                throw new CheckpointException($"{file} has SHA-256 {actual}, the manifest says {expected}");
        }
        return manifest;
    }

    /// <summary>The version the model's PROMOTED file names: the writable layer's (a user's promotion) over the shipped one's.</summary>
    public string? ReadPromoted(string model)
    {
        foreach (var layer in Layers)
        {
            var path = Path.Combine(layer, model, PromotedFile);
            try
            {
                if (!File.Exists(path)) continue;
                var text = File.ReadAllText(path).Trim();
                return IsValidName(text) ? text : null;
            }
            catch (IOException) { return null; }
        }
        return null;
    }

    /// <summary>
    /// The version to read when a model is named without one (benches, tests, tools): the one its PROMOTED
    /// file names, else the newest. The registry's serving choice adds readiness on top of this.
    /// </summary>
    public string PromotedOrNewest(string model) =>
        ReadPromoted(model) ?? ListVersions(model).LastOrDefault()
        ?? throw new CheckpointException($"{model} has no version under {Root}");

    /// <summary>A model folder (its promoted or newest version) or a version folder, as store, model and version.</summary>
    public static (CheckpointStore Store, string Model, string Version) Open(string modelOrVersionDir)
    {
        var dir = Path.GetFullPath(modelOrVersionDir).TrimEnd(Path.DirectorySeparatorChar);
        if (File.Exists(Path.Combine(dir, CheckpointManifest.FileName)))
            return (new CheckpointStore(Path.GetDirectoryName(Path.GetDirectoryName(dir))!), Path.GetFileName(Path.GetDirectoryName(dir))!, Path.GetFileName(dir));
        var store = new CheckpointStore(Path.GetDirectoryName(dir)!);
        var model = Path.GetFileName(dir);
        return (store, model, store.PromotedOrNewest(model));
    }

    /// <summary>Marks <paramref name="version"/> as the one to serve (atomic replace).</summary>
    public void WritePromoted(string model, string version)
    {
        var dir = VersionDir(model, version);
        if (!Directory.Exists(dir)) throw new CheckpointException($"{model}/{version} does not exist");
        Directory.CreateDirectory(Path.Combine(Root, model));
        var path = Path.Combine(Root, model, PromotedFile);
        var temp = path + "." + Guid.NewGuid().ToString("N");
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(version + "\n"));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Deletes a version: renamed out of sight first, so no reader sees it half deleted. Shipped versions are read-only.</summary>
    public void Delete(string model, string version)
    {
        if (IsShipped(model, version))
            throw new InvalidOperationException($"version '{version}' of '{model}' is a shipped version (read-only, {ShippedRoot}); it cannot be deleted");
        var dir = VersionDir(model, version);
        if (!Directory.Exists(dir)) return;
        var doomed = Path.Combine(Root, model, $"{DeletingPrefix}{version}-{Guid.NewGuid():N}");
        Directory.Move(dir, doomed);
        Directory.Delete(doomed, recursive: true);
    }

    public static string NewVersion() =>
        $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}";

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static void Fsync(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    private static void RequireName(string name)
    {
        if (!IsValidName(name)) throw new ArgumentException($"'{name}' is not a valid model or version name");
    }
}
