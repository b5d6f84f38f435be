using Serilog.Core;
using Serilog.Events;

namespace Telepath.Daemon.Logging;

/// <summary>
/// Names levels as Microsoft.Extensions.Logging's console does (<c>info</c>, <c>warn</c>, <c>fail</c>),
/// the names this log has always had; Serilog's own four-letter names differ (<c>eror</c>, <c>fatl</c>).
/// </summary>
internal sealed class LevelNameEnricher : ILogEventEnricher
{
    public const string PropertyName = "LevelName";

    private static readonly LogEventProperty[] Names =
    [
        new(PropertyName, new ScalarValue("trce")), // Verbose, from Trace
        new(PropertyName, new ScalarValue("dbug")),
        new(PropertyName, new ScalarValue("info")),
        new(PropertyName, new ScalarValue("warn")),
        new(PropertyName, new ScalarValue("fail")), // Error
        new(PropertyName, new ScalarValue("crit")), // Fatal, from Critical
    ];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) =>
        logEvent.AddPropertyIfAbsent(Names[(int)logEvent.Level]);
}
