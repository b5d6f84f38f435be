using Telepath.Tunnels.Streams;

namespace Telepath.Daemon.Outbound;

/// <summary>An outbound connection through the manager, or why there is none: an outcome as a value, not an exception.</summary>
public sealed record OutboundResult(TunnelStream? Tunnel, OutboundFailure? Failure, string Message)
{
    public static OutboundResult Opened(TunnelStream tunnel, string remoteAddress) => new(tunnel, null, remoteAddress);

    public static OutboundResult Failed(OutboundFailure failure, string message) => new(null, failure, message);
}
