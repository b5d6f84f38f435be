using Microsoft.Extensions.Logging;
using Telepath.Protocol.Manager;
using Telepath.Tunnels.Relays;

namespace Telepath.TrafficManager.Volumes;

internal static partial class Log
{
    [LoggerMessage(60, LogLevel.Information, "Volumes tunnel for intercept {Intercept} (volume \"{Volume}\") refused: {Code} {Message}")]
    public static partial void VolumesRefused(ILogger logger, string intercept, string volume, TunnelErrorCode code, string message);

    [LoggerMessage(61, LogLevel.Debug, "Volumes tunnel {ConnectionId} for intercept {Intercept} (volume \"{Volume}\") ended: {Outcome}")]
    public static partial void VolumeTunnelEnded(ILogger logger, string connectionId, string intercept, string volume, RelayOutcome outcome);
}
