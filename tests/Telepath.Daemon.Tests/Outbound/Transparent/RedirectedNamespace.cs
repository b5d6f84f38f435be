using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Daemon.Outbound.RootHelper;
using Telepath.Daemon.Outbound;
using Telepath.Daemon.Outbound.Transparent;
using Telepath.Daemon.Tests.Outbound.RootHelper;

namespace Telepath.Daemon.Tests.Outbound.Transparent;

/// <summary>
/// A "laptop" namespace with a route to 10.96.0.0/12 (as a laptop's default route would give), a
/// transparent proxy listening inside it, and the real helper's rules sending TCP to that range there.
/// </summary>
internal sealed class RedirectedNamespace : IAsyncDisposable
{
    public const string ClusterRange = "10.96.0.0/12";

    private readonly TransparentProxy _proxy;
    private readonly HelperInNamespace _helper;
    private readonly NetworkHelperClient _session;

    private RedirectedNamespace(NetNamespace network, TransparentProxy proxy, HelperInNamespace helper, NetworkHelperClient session)
    {
        Network = network;
        _proxy = proxy;
        _helper = helper;
        _session = session;
    }

    public NetNamespace Network { get; }

    /// <summary>The transparent proxy's own port, where the rules send what they redirect.</summary>
    public int ProxyPort => _proxy.Port;

    public static async Task<RedirectedNamespace> StartAsync(IOutboundTunnels tunnels)
    {
        var network = await NetNamespace.CreateAsync();
        TransparentProxy? proxy = null;
        HelperInNamespace? helper = null;
        try
        {
            await network.RouteAsync(ClusterRange);
            proxy = InNamespace.Create(network.Name, () => TransparentProxy.Bind(NullLogger.Instance));
            proxy.Start(tunnels);
            helper = await HelperInNamespace.StartAsync(network);
            var session = await helper.ConnectAsync();
            var applied = await session.ApplyAsync(HelperRequest.Apply([ClusterRange], [], proxy.Port, 15353, "127.0.0.153", [], []), CancellationToken.None);
            return applied.Ok
                ? new RedirectedNamespace(network, proxy, helper, session)
                : throw new InvalidOperationException($"the helper did not apply the rules: {applied.Error}");
        }
        catch
        {
            // The namespace must go also when the test never starts.
            await (helper?.DisposeAsync() ?? ValueTask.CompletedTask);
            await (proxy?.DisposeAsync() ?? ValueTask.CompletedTask);
            await network.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync();
        await _helper.DisposeAsync();
        await _proxy.DisposeAsync();
        await Network.DisposeAsync();
    }
}
