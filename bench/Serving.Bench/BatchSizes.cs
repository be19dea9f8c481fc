using System.Globalization;
using System.Text.RegularExpressions;

namespace SeqServe.Serving.Bench;

/// <summary>The service's own batch-size histogram for one model, read from GET /metrics (sum and count so far).</summary>
public static partial class BatchSizes
{
    public static async Task<(double Sum, double Count)> Read(Uri service, string model)
    {
        using var http = new HttpClient { BaseAddress = service };
        var text = await http.GetStringAsync("/metrics");
        double Value(string series) => Line().Matches(text).Where(m => m.Groups[1].Value == series && m.Groups[2].Value.Contains($"model=\"{model}\""))
            .Sum(m => double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        return (Value("seqserve_batch_size_sum"), Value("seqserve_batch_size_count"));
    }

    [GeneratedRegex(@"^(\w+)\{([^}]*)\} ([0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Line();
}
