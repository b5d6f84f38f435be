using Grpc.Core;
using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;
using Telepath.Tunnels.Links;
using Telepath.Tunnels.Streams;
using Telepath.Tunnels.Wire;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.Cli.Tests.Harness;

/// <summary>
/// Stands in for a traffic agent at the manager: it arrives for a workload, keeps its lease, reports
/// the intercepts it is sent as applied (unless told not to, to leave them WAITING), and can open
/// tunnels as an agent would for an intercepted connection.
/// </summary>
public sealed class FakeAgent : IAsyncDisposable
{
    private readonly ManagerLink _link;
    private readonly ProtocolManager.ManagerClient _manager;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _remain;
    private readonly Task _acknowledge;

    private FakeAgent(ManagerLink link, string sessionSecret, bool applyIntercepts)
    {
        _link = link;
        _manager = new ProtocolManager.ManagerClient(link.Channel);
        SessionSecret = sessionSecret;
        _remain = RemainAsync(_stop.Token);
        _acknowledge = applyIntercepts ? RouteAcknowledgements.RunAsync(_manager, sessionSecret, _stop.Token) : Task.CompletedTask;
    }

    public string SessionSecret { get; }

    public static async Task<FakeAgent> ArriveAsync(
        LoopbackManager manager, string workload, string kind = "Deployment", string ns = "default", bool applyIntercepts = true, string? pod = null)
    {
        var link = manager.Link();
        var session = await new ProtocolManager.ManagerClient(link.Channel).ArriveAsAgentAsync(new AgentArrival { Workload = workload, Namespace = ns, WorkloadKind = kind, PodName = pod ?? workload + "-0", Version = "v0.1.0" });
        return new FakeAgent(link, session.SessionSecret, applyIntercepts);
    }

    /// <summary>Opens a tunnel for the intercept, as the agent does for a new connection, and returns the manager's answer with it.</summary>
    public async Task<(TunnelAnswer Answer, TunnelStream Tunnel)> OpenTunnelAsync(string interceptId)
    {
        var tunnel = _link.Tunnels.Open(TunnelWire.InterceptPath, [new(TunnelWire.SessionHeader, SessionSecret), new(TunnelWire.InterceptHeader, interceptId)], expectsDialReply: true);
        return (await tunnel.AnswerAsync(), tunnel);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _acknowledge;
        try
        {
            await _remain;
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException)
        {
            // Stopped by us.
        }

        _stop.Dispose();
    }

    private async Task RemainAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            await _manager.RemainAsync(new SessionRef { SessionSecret = SessionSecret }, cancellationToken: cancellationToken);
        }
    }
}
