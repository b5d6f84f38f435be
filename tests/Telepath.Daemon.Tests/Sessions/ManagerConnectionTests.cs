using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Daemon.Sessions;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;
using Telepath.Testing.Polling;
using Telepath.Tunnels.Streams;
using Telepath.Tunnels.Wire;

namespace Telepath.Daemon.Tests.Sessions;

public sealed class ManagerConnectionTests
{
    [Fact]
    public async Task After_a_manager_restart_the_daemon_arrives_again_and_recreates_its_intercept_with_the_same_id()
    {
        var first = await LoopbackManager.StartAsync();
        var port = first.EndPoint.Port;
        await first.ArriveAgentAsync("orders");
        await using var connection = await ManagerConnection.OpenAsync(Options(first.Address), NullLogger.Instance, CancellationToken.None);
        var created = await connection.Intercepts.InterceptAsync(Global("orders", 8080), CancellationToken.None);

        await first.DisposeAsync();
        await Poll.UntilAsync(() => connection.Problem is not null, () => "the connection reports no problem though its manager is gone");
        await using var second = await LoopbackManager.StartAsync(port);
        var agent = await second.ArriveAgentAsync("orders");

        var recreated = await second.WaitForInterceptAsync(agent, created.Id, TimeSpan.FromSeconds(15));

        Assert.Equal("orders", recreated.Spec.Name);
        await Poll.UntilAsync(() => connection.Problem is null, () => $"the problem stays after the manager is back: {connection.Problem}");
    }

    [Fact]
    public async Task Leave_closes_tunnels_that_outlive_the_grace_period()
    {
        await using var manager = await LoopbackManager.StartAsync();
        var agentSession = await manager.ArriveAgentAsync("orders");
        using var app = new TcpListener(IPAddress.Loopback, 0);
        app.Start();
        var options = Options(manager.Address) with { LeaveGrace = TimeSpan.FromMilliseconds(500) };
        await using var connection = await ManagerConnection.OpenAsync(options, NullLogger.Instance, CancellationToken.None);
        var intercept = await connection.Intercepts.InterceptAsync(Global("orders", ((IPEndPoint)app.LocalEndpoint).Port), CancellationToken.None);
        var link = manager.Link();
        await using var tunnel = link.Tunnels.Open(TunnelWire.InterceptPath, [new(TunnelWire.SessionHeader, agentSession), new(TunnelWire.InterceptHeader, intercept.Id)], expectsDialReply: true);
        Assert.True((await tunnel.AnswerAsync()).Established);
        using var local = await app.AcceptSocketAsync();

        await connection.Intercepts.LeaveAsync("orders", CancellationToken.None);

        // The agent never ended its connection, so only the grace period's end closed it.
        var buffer = new byte[1];
        Assert.Equal(0, await local.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<TunnelException>(() => tunnel.CopyToAsync(Stream.Null));
    }

    [Fact]
    public async Task Leave_of_an_intercept_this_laptop_does_not_own_is_NotFound()
    {
        await using var manager = await LoopbackManager.StartAsync();
        await using var connection = await ManagerConnection.OpenAsync(Options(manager.Address), NullLogger.Instance, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<RpcException>(() => connection.Intercepts.LeaveAsync("nope", CancellationToken.None));

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
    }

    private static ConnectionOptions Options(string address) =>
        new(address, LoopbackManager.Token, "default", "tester@laptop") { RemainInterval = TimeSpan.FromSeconds(1) };

    private static InterceptRequest Global(string workload, int port) =>
        new() { Spec = new InterceptSpec { Workload = workload, TargetPort = port } };
}
