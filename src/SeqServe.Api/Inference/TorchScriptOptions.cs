using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.Metadata;

namespace SeqServe.Api.Inference;

/// <summary>Bounds of TorchScript uploads (section "Serving:TorchScript").</summary>
public sealed class TorchScriptOptions
{
    public const string Section = "Serving:TorchScript";

    /// <summary>Largest TorchScript file an upload may carry (413 beyond); the upload route's body limit is this plus the signature's.</summary>
    [Range(1024, 1024L * 1024 * 1024)] public long MaxFileBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Largest signature JSON.</summary>
    [Range(256, 1024 * 1024)] public int MaxSignatureBytes { get; set; } = 64 * 1024;

    /// <summary>The body limit of the upload route: the file, the signature and room for the multipart framing.</summary>
    public long MaxBodyBytes => MaxFileBytes + MaxSignatureBytes + 64 * 1024;
}

/// <summary>Endpoint metadata: this route's body may be this large (instead of Serving:MaxBodyBytes).</summary>
public sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
