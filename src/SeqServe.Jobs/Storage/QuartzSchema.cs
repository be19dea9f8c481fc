using Quartz;
using Quartz.Impl.AdoJobStore;

namespace SeqServe.Jobs.Storage;

/// <summary>
/// Quartz's own schema script for a provider, as the Quartz assembly ships it (every statement
/// "CREATE … IF NOT EXISTS", so it is safe on a database whose Quartz tables already exist), split
/// into statements (on lines reading exactly <c>--;;</c>) with the default table prefix filled in. The migrations run it.
/// </summary>
public static class QuartzSchema
{
    public const string TablePrefix = AdoConstants.DefaultTablePrefix;
    private const string Separator = "--;;";

    public static IReadOnlyList<string> Statements(string provider)
    {
        var resource = $"Quartz.Impl.AdoJobStore.Schema.create_{provider}.sql";
        using var stream = typeof(IScheduler).Assembly.GetManifestResourceStream(resource)
                           ?? throw new InvalidOperationException($"the Quartz assembly has no schema script '{resource}'");
        using var reader = new StreamReader(stream);
        var prefixWithoutSchema = TablePrefix[(TablePrefix.LastIndexOf('.') + 1)..];
        var statements = new List<string>();
        var current = new List<string>();
        foreach (var line in reader.ReadToEnd().Split('\n'))
        {
            if (line.Trim() == Separator)
            {
                Flush();
                continue;
            }
            if (!line.TrimStart().StartsWith("--", StringComparison.Ordinal)) current.Add(line.TrimEnd('\r'));
        }
        Flush();
        return statements;

        void Flush()
        {
            var statement = string.Join('\n', current).Trim();
            current.Clear();
            if (statement.Length > 0) statements.Add(statement.Replace("{0}", TablePrefix).Replace("{1}", prefixWithoutSchema));
        }
    }
}
