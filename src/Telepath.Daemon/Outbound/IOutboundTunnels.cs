namespace Telepath.Daemon.Outbound;

/// <summary>Opens connections that the traffic manager dials inside the cluster (an outbound tunnel).</summary>
public interface IOutboundTunnels
{
    /// <param name="waitForAnswer">
    /// False returns the tunnel at once, so the client's first bytes travel with its request; a refusal
    /// then shows on the tunnel's first read. True waits for the manager's dial (a SOCKS client must be
    /// told the outcome before it sends).
    /// </param>
    Task<OutboundResult> OpenOutboundAsync(ProxyDestination destination, bool waitForAnswer, CancellationToken cancellationToken);
}
