using Telepath.Daemon.Outbound;

namespace Telepath.Daemon.Tests.Outbound;

/// <summary>A manager that refuses every outbound connection with one failure, and remembers what was asked.</summary>
internal sealed class RefusingTunnels(OutboundFailure failure, string message) : IOutboundTunnels
{
    public List<ProxyDestination> Asked { get; } = [];

    public Task<OutboundResult> OpenOutboundAsync(ProxyDestination destination, bool waitForAnswer, CancellationToken cancellationToken)
    {
        lock (Asked)
        {
            Asked.Add(destination);
        }

        return Task.FromResult(OutboundResult.Failed(failure, message));
    }
}
