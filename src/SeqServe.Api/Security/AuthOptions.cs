using System.ComponentModel.DataAnnotations;

namespace SeqServe.Api.Security;

/// <summary>The three scopes a key can hold. <c>admin</c> includes the others, <c>train</c> includes <c>predict</c>.</summary>
public static class Scopes
{
    public const string Predict = "predict";
    public const string Train = "train";
    public const string Admin = "admin";
    public static readonly string[] All = [Predict, Train, Admin];
}

/// <summary>One API key: its name (logged, never the key), the key or its SHA-256, its scopes.</summary>
public sealed class ApiKeyOptions
{
    [Required, RegularExpression(@"\A[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\z")] public string Name { get; set; } = "";
    /// <summary>The key itself (at least 16 characters). Give this or <see cref="KeyHash"/>.</summary>
    public string? Key { get; set; }
    /// <summary>SHA-256 of the key as 64 hex digits, so configuration need not hold the key.</summary>
    public string? KeyHash { get; set; }
    [Required, MinLength(1)] public string[] Scopes { get; set; } = [];
}

/// <summary>Section "Auth": API keys with scopes; management routes always need one.</summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    public List<ApiKeyOptions> Keys { get; set; } = [];

    /// <summary>When true, predictions and reads need a key with the <c>predict</c> scope too.</summary>
    public bool RequireKeyForPredictions { get; set; }

    /// <summary>With no key configured, the first start writes an admin key here (under Storage:Root, mode 0600).</summary>
    [Required] public string GeneratedKeyPath { get; set; } = "data/admin.key";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Keys.Count; i++)
        {
            var key = Keys[i];
            var at = $"Auth:Keys:{i}";
            if ((key.Key is null) == (key.KeyHash is null))
                yield return new ValidationResult($"{at} ({key.Name}): give exactly one of Key and KeyHash.");
            if (key.Key is { Length: < 16 })
                yield return new ValidationResult($"{at} ({key.Name}): Key must be at least 16 characters.");
            if (key.KeyHash is { } hash && (hash.Length != 64 || !hash.All(Uri.IsHexDigit)))
                yield return new ValidationResult($"{at} ({key.Name}): KeyHash must be the SHA-256 of the key, 64 hex digits.");
            foreach (var scope in key.Scopes.Where(s => !Scopes.All.Contains(s)))
                yield return new ValidationResult($"{at} ({key.Name}): unknown scope '{scope}'; scopes are {string.Join(", ", Scopes.All)}.");
        }
        if (Keys.Select(k => k.Name).Distinct(StringComparer.Ordinal).Count() != Keys.Count)
            yield return new ValidationResult("Auth:Keys: every key needs its own Name.");
    }
}
