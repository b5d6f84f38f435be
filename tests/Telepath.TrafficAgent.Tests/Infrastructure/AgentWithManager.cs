using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;
using Telepath.Testing.Polling;
using Telepath.Testing.Tunnels;
using Telepath.TrafficAgent.Routing;

namespace Telepath.TrafficAgent.Tests.Infrastructure;

/// <summary>
/// A small cluster and laptop on loopback: the real manager in process, the workload's app, the agent
/// in front of it, and the app on "the laptop" that intercepts reach through tunnels.
/// </summary>
internal sealed class AgentWithManager : IAsyncDisposable
{
    private AgentWithManager(LoopbackManager manager, TestApp app, TestApp laptopApp, TestAgent agent)
    {
        Manager = manager;
        App = app;
        LaptopApp = laptopApp;
        Agent = agent;
    }

    public LoopbackManager Manager { get; }

    public TestApp App { get; }

    public TestApp LaptopApp { get; }

    public TestAgent Agent { get; }

    public static async Task<AgentWithManager> StartAsync()
    {
        var manager = await LoopbackManager.StartAsync(logging: TestLogging.Configure);
        var app = await TestApp.StartAsync("app");
        var laptopApp = await TestApp.StartAsync("laptop");
        var agent = await TestAgent.StartAsync(app.EndPoint, manager.Address, LoopbackManager.Token);
        return new AgentWithManager(manager, app, laptopApp, agent);
    }

    public Task<FakeLaptop> ArriveLaptopAsync(bool offerStandbys = true) =>
        FakeLaptop.ArriveAsync(Manager.Address, LoopbackManager.Token, offerStandbys);

    /// <summary>Creates the intercept and waits until the agent routes by it.</summary>
    public async Task InterceptAsync(FakeLaptop laptop, InterceptSpec spec)
    {
        await laptop.InterceptAsync(spec);
        await WaitForRoutesAsync(routes => routes.Routes.Any(r => r.Name == spec.Name));
    }

    public Task WaitForRoutesAsync(Func<RouteSnapshot, bool> condition, [CallerArgumentExpression(nameof(condition))] string waitingFor = "")
    {
        var table = Agent.Host.Services.GetRequiredService<RouteTable>();
        return Poll.UntilAsync(() => Task.FromResult(table.Current), condition, waitingFor);
    }

    public static InterceptSpec Spec(string name, IPEndPoint target, params (string Name, string Regex)[] headers)
    {
        var spec = new InterceptSpec
        {
            Name = name,
            Workload = "orders",
            Namespace = "default",
            TargetHost = target.Address.ToString(),
            TargetPort = target.Port,
        };
        spec.Headers.AddRange(headers.Select(h => new HeaderCondition { Name = h.Name, ValueRegex = h.Regex }));
        return spec;
    }

    /// <summary>Which app answered a GET: the test apps name themselves in x-served-by.</summary>
    public static async Task<string> ServedByAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/");
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("x-served-by").Single();
    }

    public async ValueTask DisposeAsync()
    {
        // The agent goes first, so the manager has no open watch to wait for when it stops.
        await Agent.DisposeAsync();
        await LaptopApp.DisposeAsync();
        await App.DisposeAsync();
        await Manager.DisposeAsync();
    }
}
