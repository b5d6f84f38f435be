using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Testing.Network;
using Telepath.TrafficAgent.Forwarding;

namespace Telepath.TrafficAgent.Tests.Infrastructure;

/// <summary>A started traffic agent on a loopback port 0, in front of <paramref name="app"/>.</summary>
internal sealed class TestAgent : IAsyncDisposable
{
    private TestAgent(WebApplication host, IPEndPoint endPoint)
    {
        Host = host;
        EndPoint = endPoint;
    }

    public WebApplication Host { get; }

    public IPEndPoint EndPoint { get; }

    public Uri BaseAddress => new($"http://{EndPoint}");

    public ForwardingCounters Counters => Host.Services.GetRequiredService<ForwardingCounters>();

    /// <param name="time">The agent's clock for its timeouts (the system's when null).</param>
    /// <param name="configure">Changes the options, e.g. to give the agent volumes to serve.</param>
    public static async Task<TestAgent> StartAsync(
        IPEndPoint app, string? managerAddress = null, string token = "test-token", TimeProvider? time = null, Func<AgentOptions, AgentOptions>? configure = null)
    {
        var options = new AgentOptions(
            "orders", "default", "Deployment", "orders-7d9c-abcde",
            new IPEndPoint(IPAddress.Loopback, 0), app,
            managerAddress ?? Ports.ClosedAddress(), token);
        var host = AgentHost.Build(configure?.Invoke(options) ?? options, TestLogging.Configure, services =>
        {
            if (time is not null)
            {
                services.AddSingleton(time);
            }
        });
        await host.StartAsync();
        return new TestAgent(host, AgentHost.BoundEndPoint(host));
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        await Host.DisposeAsync();
    }
}
