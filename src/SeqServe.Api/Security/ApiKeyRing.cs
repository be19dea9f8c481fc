using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SeqServe.Jobs.Storage;

namespace SeqServe.Api.Security;

/// <summary>
/// The configured keys, held as SHA-256 hashes and compared in constant time. With none configured, an
/// admin key is generated once into Auth:GeneratedKeyPath (mode 0600) and its path — never the key — logged.
/// </summary>
public sealed class ApiKeyRing
{
    public sealed record Holder(string Name, IReadOnlySet<string> Scopes);

    private readonly List<(byte[] Hash, Holder Holder)> keys = [];

    public ApiKeyRing(IOptions<AuthOptions> auth, IOptions<StorageOptions> storage, ILogger<ApiKeyRing> logger)
    {
        foreach (var key in auth.Value.Keys)
            keys.Add((key.Key is { } plain ? Hash(plain) : Convert.FromHexString(key.KeyHash!),
                new Holder(key.Name, key.Scopes.ToHashSet(StringComparer.Ordinal))));
        if (keys.Count > 0) return;

        var path = storage.Value.Resolve(auth.Value.GeneratedKeyPath);
        var generated = LoadOrCreate(path, out var created);
        keys.Add((Hash(generated), new Holder("generated-admin", new HashSet<string> { Scopes.Admin })));
        logger.LogWarning("No Auth:Keys configured: management routes take the admin key {Action} {Path} " +
                          "(send it as X-Api-Key or Authorization: Bearer)", created ? "written to" : "kept in", path);
    }

    /// <summary>The holder of <paramref name="presented"/>, or null. Every configured key is compared, in constant time.</summary>
    public Holder? Find(string presented)
    {
        var hash = Hash(presented);
        Holder? found = null;
        foreach (var (candidate, holder) in keys)
            if (CryptographicOperations.FixedTimeEquals(candidate, hash)) found = holder;
        return found;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string LoadOrCreate(string path, out bool created)
    {
        created = false;
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 16 } existing) return existing;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = "ssk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream)) writer.WriteLine(key);
        File.Move(temp, path, overwrite: true);
        created = true;
        return key;
    }
}
