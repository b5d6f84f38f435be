namespace Telepath.Daemon.Outbound;

/// <summary>Opens connections that the traffic manager dials inside the cluster (the manager's Outbound call).</summary>
public interface IOutboundTunnels
{
    Task<OutboundResult> OpenOutboundAsync(ProxyDestination destination, CancellationToken cancellationToken);
}
