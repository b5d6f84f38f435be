using System.Net;
using Telepath.Daemon.Outbound;

namespace Telepath.Daemon.Tests.Outbound.Transparent;

/// <summary>
/// The test's one double: it records the destination the transparent proxy asked for (the address the
/// process dialled, e.g. 10.96.0.10:80, which exists nowhere here) and opens, through the real
/// manager, a connection to a server on loopback instead.
/// </summary>
internal sealed class RedirectingTunnels(IOutboundTunnels manager, IPEndPoint server) : IOutboundTunnels
{
    public List<ProxyDestination> Asked { get; } = [];

    public Task<OutboundResult> OpenOutboundAsync(ProxyDestination destination, bool waitForAnswer, CancellationToken cancellationToken)
    {
        lock (Asked)
        {
            Asked.Add(destination);
        }

        return manager.OpenOutboundAsync(new ProxyDestination(server.Address.ToString(), server.Port), waitForAnswer, cancellationToken);
    }
}
