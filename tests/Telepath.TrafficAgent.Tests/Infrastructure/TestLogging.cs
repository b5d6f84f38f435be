using Microsoft.Extensions.Logging;

namespace Telepath.TrafficAgent.Tests.Infrastructure;

internal static class TestLogging
{
    /// <summary>Silent, unless TELEPATH_TEST_LOG=1 asks for every line on the console (to debug a test).</summary>
    public static void Configure(ILoggingBuilder logging)
    {
        if (Environment.GetEnvironmentVariable("TELEPATH_TEST_LOG") == "1")
        {
            logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(LogLevel.Debug);
        }
        else
        {
            logging.AddFilter(_ => false);
        }
    }
}
