using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Daemon.Sessions;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;

namespace Telepath.Daemon.Tests.Sessions;

/// <summary>The daemon's intercept returns once every agent of the workload routes by it.</summary>
public sealed class InterceptActivationTests
{
    [Fact]
    public async Task Intercept_returns_the_intercept_ACTIVE_once_the_agent_applied_it()
    {
        await using var manager = await LoopbackManager.StartAsync();
        await manager.ArriveAgentAsync("orders");
        await using var connection = await OpenAsync(manager);

        var intercept = await connection.Intercepts.InterceptAsync(Global("orders", timeoutSeconds: 60), CancellationToken.None);

        Assert.Equal(InterceptState.Active, intercept.State);
        Assert.Equal("", intercept.StateReason);
    }

    [Fact]
    public async Task Intercept_waits_for_an_agent_that_applies_it_late()
    {
        await using var manager = await LoopbackManager.StartAsync();
        var agent = await manager.ArriveAgentAsync("orders", applyIntercepts: false);
        await using var connection = await OpenAsync(manager);

        var intercepting = connection.Intercepts.InterceptAsync(Global("orders", timeoutSeconds: 60), CancellationToken.None);
        var held = await HeldAsync(connection);
        Assert.False(intercepting.IsCompleted, "the intercept returned while its agent had not applied it");
        await manager.Client().ReportRoutesAsync(new RoutesReport { SessionSecret = agent, InterceptIds = { held.Id } });
        var intercept = await intercepting;

        Assert.Equal(InterceptState.Active, intercept.State);
    }

    [Fact]
    public async Task Intercept_whose_agent_never_applies_it_returns_WAITING_with_the_reason_when_its_timeout_ends()
    {
        await using var manager = await LoopbackManager.StartAsync();
        await manager.ArriveAgentAsync("orders", applyIntercepts: false);
        await using var connection = await OpenAsync(manager);

        var intercept = await connection.Intercepts.InterceptAsync(Global("orders", timeoutSeconds: 1), CancellationToken.None);

        Assert.Equal(InterceptState.Waiting, intercept.State);
        Assert.Equal("waiting for 1 of 1 traffic agent of orders to apply it (pod orders-0)", intercept.StateReason);
        Assert.Equal(intercept.Id, Assert.Single(connection.View.Intercepts.Intercepts).Id);
    }

    [Fact]
    public async Task An_intercept_re_created_after_a_manager_restart_waits_for_the_agents_that_arrive_again()
    {
        var first = await LoopbackManager.StartAsync();
        var port = first.EndPoint.Port;
        await first.ArriveAgentAsync("orders");
        await using var connection = await OpenAsync(first);
        var created = await connection.Intercepts.InterceptAsync(Global("orders", timeoutSeconds: 60), CancellationToken.None);
        Assert.Equal(InterceptState.Active, created.State);

        await first.DisposeAsync();
        await using var second = await LoopbackManager.StartAsync(port);
        var agent = await second.ArriveAgentAsync("orders", applyIntercepts: false);

        // The view showed it ACTIVE at the first manager; the second one knows no report of it yet.
        var waiting = await UntilAsync(connection, i => i.Id == created.Id && i.State == InterceptState.Waiting);
        Assert.Equal("waiting for 1 of 1 traffic agent of orders to apply it (pod orders-0)", waiting.StateReason);
        await second.Client().ReportRoutesAsync(new RoutesReport { SessionSecret = agent, InterceptIds = { created.Id } });
        await UntilAsync(connection, i => i.Id == created.Id && i.State == InterceptState.Active);
    }

    private static Task<ManagerConnection> OpenAsync(LoopbackManager manager) =>
        ManagerConnection.OpenAsync(
            new ConnectionOptions(manager.Address, LoopbackManager.Token, "default", "tester@laptop") { RemainInterval = TimeSpan.FromSeconds(1) },
            NullLogger.Instance,
            CancellationToken.None);

    private static InterceptRequest Global(string workload, int timeoutSeconds) =>
        new() { Spec = new InterceptSpec { Workload = workload, TargetPort = 8080 }, TimeoutSeconds = timeoutSeconds };

    /// <summary>The intercept once the daemon's view of the manager holds one.</summary>
    private static Task<InterceptInfo> HeldAsync(ManagerConnection connection) => UntilAsync(connection, _ => true);

    private static async Task<InterceptInfo> UntilAsync(ManagerConnection connection, Func<InterceptInfo, bool> condition)
    {
        InterceptInfo? found = null;
        var held = await connection.View.WaitUntilAsync(
            view => (found = view.Intercepts.Intercepts.FirstOrDefault(condition)) is not null,
            TimeSpan.FromSeconds(30),
            CancellationToken.None);
        Assert.True(held, "the daemon's view never showed the intercept as expected");
        return found!;
    }
}
