using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Telepath.Samples;
using Telepath.Testing.Managers;
using Telepath.TrafficAgent;

namespace Telepath.Hub.Tests.Cli;

/// <summary>
/// A workload "orders" without Kubernetes: the real traffic manager and agent in process in front of
/// the sample app ("the cluster"), and a second copy of the app for the laptop ("your laptop"). The
/// agent's port stands in for the ingress a preview forwards to.
/// </summary>
public sealed class LoopbackWorkload : IAsyncDisposable
{
    private readonly List<WebApplication> _hosts = [];

    private LoopbackWorkload(LoopbackManager manager) => Manager = manager;

    public LoopbackManager Manager { get; }

    public IPEndPoint Agent { get; private set; } = null!;

    public IPEndPoint LaptopApp { get; private set; } = null!;

    public static async Task<LoopbackWorkload> StartAsync()
    {
        var workload = new LoopbackWorkload(await LoopbackManager.StartAsync());
        var loopback = new IPEndPoint(IPAddress.Loopback, 0);
        var app = await workload.StartAsync(SampleService.Build(loopback, "the cluster"));
        var agent = await workload.StartAsync(AgentHost.Build(
            new AgentOptions("orders", "default", "Deployment", "orders-1", loopback, SampleService.BoundEndPoint(app), workload.Manager.Address, LoopbackManager.Token),
            logging => logging.ClearProviders()));
        workload.Agent = AgentHost.BoundEndPoint(agent);
        workload.LaptopApp = SampleService.BoundEndPoint(await workload.StartAsync(SampleService.Build(loopback, "your laptop")));
        return workload;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            await _hosts[i].StopAsync();
            await _hosts[i].DisposeAsync();
        }

        await Manager.DisposeAsync();
    }

    private async Task<WebApplication> StartAsync(WebApplication host)
    {
        _hosts.Add(host);
        await host.StartAsync();
        return host;
    }
}
