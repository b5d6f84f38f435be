using Microsoft.Extensions.Logging;

namespace Telepath.TrafficAgent.Tunnels;

internal static partial class Log
{
    [LoggerMessage(300, LogLevel.Debug, "tunnel for intercept \"{Intercept}\" established: connection {ConnectionId} to {ClientName}")]
    public static partial void TunnelEstablished(ILogger logger, string intercept, string connectionId, string clientName);

    [LoggerMessage(301, LogLevel.Debug, "tunnel for intercept \"{Intercept}\" not established: {Outcome}: {Message}")]
    public static partial void TunnelNotEstablished(ILogger logger, string intercept, TunnelDialOutcome outcome, string message);
}
