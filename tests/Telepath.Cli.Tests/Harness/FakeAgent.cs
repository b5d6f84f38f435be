using Grpc.Core;
using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.Cli.Tests.Harness;

/// <summary>
/// Stands in for a traffic agent at the manager: it arrives for a workload, keeps its lease, reports
/// the intercepts it is sent as applied (unless told not to, to leave them WAITING), and can open
/// tunnels as an agent would for an intercepted connection.
/// </summary>
public sealed class FakeAgent : IAsyncDisposable
{
    private readonly ProtocolManager.ManagerClient _manager;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _remain;
    private readonly Task _acknowledge;

    private FakeAgent(ProtocolManager.ManagerClient manager, string sessionId, bool applyIntercepts)
    {
        _manager = manager;
        SessionId = sessionId;
        _remain = RemainAsync(_stop.Token);
        _acknowledge = applyIntercepts ? RouteAcknowledgements.RunAsync(manager, sessionId, _stop.Token) : Task.CompletedTask;
    }

    public string SessionId { get; }

    public static async Task<FakeAgent> ArriveAsync(
        LoopbackManager manager, string workload, string kind = "Deployment", string ns = "default", bool applyIntercepts = true, string? pod = null)
    {
        var client = manager.Client();
        var session = await client.ArriveAsAgentAsync(new AgentArrival { Workload = workload, Namespace = ns, WorkloadKind = kind, PodName = pod ?? workload + "-0", Version = "v0.1.0" });
        return new FakeAgent(client, session.SessionId, applyIntercepts);
    }

    /// <summary>Opens a tunnel for the intercept and returns the manager's first answer with the call.</summary>
    public async Task<(TunnelMessage Answer, AsyncDuplexStreamingCall<TunnelMessage, TunnelMessage> Call)> OpenTunnelAsync(string interceptId)
    {
        var call = _manager.Tunnel();
        await call.RequestStream.WriteAsync(new TunnelMessage { Open = new TunnelOpen { SessionId = SessionId, InterceptId = interceptId } });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "the manager ended the tunnel without an answer");
        return (call.ResponseStream.Current, call);
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
            await _manager.RemainAsync(new SessionRef { SessionId = SessionId }, cancellationToken: cancellationToken);
        }
    }
}
