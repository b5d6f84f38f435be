using System.Globalization;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Extensions.Logging;

namespace Telepath.Daemon.Logging;

/// <summary>
/// The log of a process with no terminal (the daemon, the network helper): where the user and a bug
/// report find what happened. Serilog writes it; the line shape is the one the CLI and the tests read,
/// <c>2025-01-31 12:00:00.000 info Category: message</c>, with an exception's text on the lines after.
/// </summary>
public static class LogFile
{
    public const long RollAtBytes = 10 * 1024 * 1024;

    /// <summary>Previous logs kept beside the live one: NAME.1 (the newest) to NAME.3.</summary>
    public const int KeptFiles = 3;

    private const string LineTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {" + LevelNameEnricher.PropertyName + "} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <returns>A provider that owns the file; disposing it closes the file.</returns>
    public static ILoggerProvider Open(string path, long rollAtBytes = RollAtBytes, int keptFiles = KeptFiles)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Verbose() // the host's Microsoft.Extensions.Logging filters decide
            .Enrich.With<LevelNameEnricher>()
            .WriteTo.Sink(new RenamingRollingSink(path, rollAtBytes, keptFiles, OpenUnbuffered))
            .CreateLogger();
        return new SerilogLoggerProvider(logger, dispose: true);
    }

    // Unbuffered: a line is in the file before the log call returns. Tests count lines right after the
    // request they caused (ProxyPortUserTests), the CLI points the user at this file the moment a call
    // fails, and a crash's last lines are the ones a bug report needs. The cost is one write(2) a line,
    // a few a second at Information. No flushToDiskInterval: fsync guards against power loss, not
    // against the process dying, and readers see the page cache.
    private static Logger OpenUnbuffered(string path) => new LoggerConfiguration()
        .MinimumLevel.Verbose()
        .WriteTo.File(path, outputTemplate: LineTemplate, formatProvider: CultureInfo.InvariantCulture, fileSizeLimitBytes: null, buffered: false)
        .CreateLogger();
}
