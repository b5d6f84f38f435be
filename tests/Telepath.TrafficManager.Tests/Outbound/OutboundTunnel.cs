using System.Globalization;
using Telepath.Tunnels.Links;
using Telepath.Tunnels.Streams;
using Telepath.Tunnels.Wire;

namespace Telepath.TrafficManager.Tests.Outbound;

/// <summary>Opens an outbound tunnel as a laptop does, and waits for the manager's answer.</summary>
internal static class OutboundTunnel
{
    /// <returns>The open tunnel, or (disposed) none and the manager's refusal.</returns>
    public static async Task<(TunnelStream? Tunnel, TunnelAnswer? Error)> OpenAsync(ManagerLink link, string session, string host, int port)
    {
        var tunnel = link.Tunnels.Open(TunnelWire.OutboundPath,
        [
            new(TunnelWire.SessionHeader, session),
            new(TunnelWire.HostHeader, host),
            new(TunnelWire.PortHeader, port.ToString(CultureInfo.InvariantCulture)),
        ]);
        var answer = await tunnel.AnswerAsync();
        if (answer.Established)
        {
            return (tunnel, null);
        }

        await tunnel.DisposeAsync();
        return (null, answer);
    }
}
