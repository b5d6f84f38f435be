using Telepath.Protocol.Manager;

namespace Telepath.Core.Tunnels;

/// <summary>The other end of a tunnel reported why it could not carry the connection.</summary>
public sealed class TunnelException(TunnelErrorCode code, string message) : IOException(message)
{
    public TunnelErrorCode Code { get; } = code;
}
