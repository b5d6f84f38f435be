using Microsoft.Extensions.Logging;

namespace Telepath.Daemon.Network;

/// <summary>The helper process as <c>telepath network-helper</c> runs it: the real nft, the real /etc/resolv.conf, logs on stderr.</summary>
public static class NetworkHelperProgram
{
    public static async Task<int> RunAsync(uint userId, string socketPath, CancellationToken cancellationToken)
    {
        // stdout is the CLI's pipe and carries only the ready line; everything else goes to stderr.
        using var loggers = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        var logger = loggers.CreateLogger("Telepath.NetworkHelper");
        var setup = new NetworkSetup(new NftablesTable(), new ResolvConfFile(), logger);
        return await NetworkHelperServer.RunAsync(userId, socketPath, setup, Console.Out, logger, cancellationToken).ConfigureAwait(false);
    }
}
