using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Protocol.Manager;
using Telepath.Testing.Polling;
using Telepath.TrafficAgent.Routing;
using Telepath.TrafficAgent.Sessions;
using Telepath.TrafficAgent.Tests.Infrastructure;

namespace Telepath.TrafficAgent.Tests.Sessions;

public sealed class RouteReportTests
{
    [Fact]
    public async Task The_agent_reports_an_intercept_once_it_routes_by_it_so_ACTIVE_means_the_next_request_goes_to_the_laptop()
    {
        await using var setup = await AgentWithManager.StartAsync();
        await using var laptop = await setup.ArriveLaptopAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var watch = laptop.Manager.WatchIntercepts(new SessionRef { SessionSecret = laptop.SessionSecret }, cancellationToken: stop.Token);
        var routes = setup.Agent.Host.Services.GetRequiredService<RouteTable>();

        var created = await laptop.InterceptAsync(AgentWithManager.Spec("orders", setup.LaptopApp.EndPoint));
        var routedWhenActive = await RoutesWhenActiveAsync(watch, created.Id, routes, stop.Token);

        Assert.True(routedWhenActive.Contains(created.Id), "the manager showed ACTIVE before the agent routed by the intercept");
        using var client = new HttpClient { BaseAddress = setup.Agent.BaseAddress };
        Assert.Equal("laptop", await AgentWithManager.ServedByAsync(client));
    }

    [Fact]
    public async Task An_agent_at_a_manager_that_takes_no_reports_keeps_its_session_and_routes()
    {
        await using var manager = await OlderManager.StartAsync();
        await using var app = await TestApp.StartAsync();
        await using var agent = await TestAgent.StartAsync(app.EndPoint, manager.Address);
        var routes = agent.Host.Services.GetRequiredService<RouteTable>();

        await manager.Send(Intercept("first"));
        await manager.ReportRefused.WaitAsync(TimeSpan.FromSeconds(30));
        await manager.Send(Intercept("first"), Intercept("second"));
        await Poll.UntilAsync(() => routes.Current.Routes.Count == 2, () => $"the agent routes {routes.Current}");

        Assert.Equal(1, manager.Arrivals);
        Assert.Equal(1, manager.Reports);
        Assert.NotNull(agent.Host.Services.GetRequiredService<AgentSession>().Secret);
    }

    /// <summary>The agent's routes read the moment the manager first shows the intercept ACTIVE.</summary>
    private static async Task<RouteSnapshot> RoutesWhenActiveAsync(AsyncServerStreamingCall<InterceptSnapshot> watch, string id, RouteTable routes, CancellationToken cancellationToken)
    {
        while (await watch.ResponseStream.MoveNext(cancellationToken))
        {
            var current = routes.Current;
            if (watch.ResponseStream.Current.Intercepts.Any(i => i.Id == id && i.State == InterceptState.Active))
            {
                return current;
            }
        }

        throw new InvalidOperationException("the manager ended the watch before the intercept was ACTIVE");
    }

    private static InterceptInfo Intercept(string name) => new()
    {
        Id = name,
        ClientName = "alice@laptop",
        Spec = new InterceptSpec { Name = name, Workload = "orders", Namespace = "default", TargetHost = "127.0.0.1", TargetPort = 8080 },
    };
}
