using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;
using Telepath.Testing.Network;
using Telepath.Testing.Polling;
using Telepath.TrafficAgent.Routing;
using Telepath.TrafficAgent.Sessions;
using Telepath.TrafficAgent.Tests.Infrastructure;
using Telepath.Testing.Tunnels;

namespace Telepath.TrafficAgent.Tests.Sessions;

public sealed class ManagerSessionTests
{
    [Fact]
    public async Task The_agent_arrives_again_when_a_restarted_manager_comes_back()
    {
        var port = Ports.Free();
        var manager = await LoopbackManager.StartAsync(port, TestLogging.Configure);
        await using var app = await TestApp.StartAsync();
        var agent = await TestAgent.StartAsync(app.EndPoint, manager.Address, LoopbackManager.Token);
        LoopbackManager? restarted = null;
        try
        {
            var session = agent.Host.Services.GetRequiredService<AgentSession>();
            var first = await SessionAsync(session);

            await manager.DisposeAsync();
            await Poll.UntilAsync(() => session.Secret is null, () => $"the agent still holds session {session.Secret} of the stopped manager");
            restarted = await LoopbackManager.StartAsync(port, TestLogging.Configure);
            var second = await SessionAsync(session);

            Assert.NotEqual(first, second);
            await using var laptop = await FakeLaptop.ArriveAsync(restarted.Address, LoopbackManager.Token);
            var intercept = await laptop.InterceptAsync(new InterceptSpec { Name = "orders", Workload = "orders", TargetHost = "127.0.0.1", TargetPort = 8080 });
            var routes = agent.Host.Services.GetRequiredService<RouteTable>();
            await Poll.UntilAsync(() => routes.Current.Contains(intercept.Id), () => $"the agent routes {routes.Current}");
        }
        finally
        {
            // The agent goes first, so the manager has no open watch to wait for when it stops.
            await agent.DisposeAsync();
            if (restarted is not null)
            {
                await restarted.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_stopping_agent_departs_so_its_workload_is_gone_at_once()
    {
        await using var manager = await LoopbackManager.StartAsync(logging: TestLogging.Configure);
        await using var app = await TestApp.StartAsync();
        var agent = await TestAgent.StartAsync(app.EndPoint, manager.Address, LoopbackManager.Token);
        await SessionAsync(agent.Host.Services.GetRequiredService<AgentSession>());
        await using var laptop = await FakeLaptop.ArriveAsync(manager.Address, LoopbackManager.Token);

        await agent.DisposeAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => laptop.Manager.CreateInterceptAsync(new CreateInterceptRequest
        {
            SessionSecret = laptop.SessionSecret,
            Spec = new InterceptSpec { Name = "orders", Workload = "orders", TargetHost = "127.0.0.1", TargetPort = 8080 },
        }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
    }

    private static async Task<string> SessionAsync(AgentSession session) =>
        (await Poll.UntilAsync(() => Task.FromResult(session.Secret), secret => secret is not null, "the agent to arrive at the manager"))!;
}
