using System.ComponentModel.DataAnnotations;

namespace SeqServe.Jobs.Hosting;

/// <summary>What one process of the build does.</summary>
public enum HostRole
{
    /// <summary>The embedded default: the API and a training worker in one process.</summary>
    All,
    /// <summary>The API only: accepts jobs into the shared store, serves models; trains nothing.</summary>
    Api,
    /// <summary>Training only, plus /health/live and /health/ready.</summary>
    Worker,
}

public enum LogFormat { Text, Json }

/// <summary>Section "Hosting": the role of this process and the shape of its logs.</summary>
public sealed class HostingOptions
{
    public const string Section = "Hosting";

    public HostRole Role { get; set; } = HostRole.All;

    /// <summary>
    /// <c>text</c> (readable console lines) or <c>json</c> (Serilog compact JSON, one event a line: containers).
    /// Set as <c>Logging:Format</c>; <c>Hosting:LogFormat</c> is read too.
    /// </summary>
    public LogFormat LogFormat { get; set; } = LogFormat.Text;

    public bool Trains => Role is HostRole.All or HostRole.Worker;
    public bool Serves => Role is HostRole.All or HostRole.Api;

    /// <summary>Reads the section at composition time (the role decides which services exist).</summary>
    public static HostingOptions From(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        if (configuration["Worker:Enabled"] is { } enabled)
            throw new ValidationException($"Worker:Enabled ({enabled}) was replaced by {Section}:Role: all (API + worker), api (no training) or worker.");
        var options = new HostingOptions();
        var section = configuration.GetSection(Section);
        Parse<HostRole>(section["Role"], "Role", v => options.Role = v);
        Parse<LogFormat>(section["LogFormat"], "LogFormat", v => options.LogFormat = v);
        Parse<LogFormat>(configuration["Logging:Format"], "LogFormat", v => options.LogFormat = v, "Logging:Format");
        return options;
    }

    private static void Parse<T>(string? value, string key, Action<T> set, string? name = null) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        if (!Enum.TryParse<T>(value, ignoreCase: true, out var parsed) || int.TryParse(value, out _))
            throw new ValidationException(
                $"{name ?? $"{Section}:{key}"} is '{value}'; it must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
        set(parsed);
    }
}
