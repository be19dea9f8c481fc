using Serilog.Core;
using Serilog.Events;

namespace SeqServe.Jobs.Hosting;

/// <summary>
/// Puts the training run on every line of it in text logs: " [run ID model NAME]" (property <c>Run</c>),
/// built from the <c>JobId</c> and <c>Model</c> a run's log scope carries. JSON logs have the properties themselves.
/// </summary>
internal sealed class RunContextEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory factory)
    {
        if (!logEvent.Properties.TryGetValue("JobId", out var id)) return;
        var model = logEvent.Properties.TryGetValue("Model", out var m) ? $" model {Plain(m)}" : "";
        logEvent.AddPropertyIfAbsent(factory.CreateProperty("Run", $" [run {Plain(id)}{model}]"));
    }

    private static string Plain(LogEventPropertyValue value) =>
        value is ScalarValue { Value: { } v } ? v.ToString() ?? "" : value.ToString();
}
