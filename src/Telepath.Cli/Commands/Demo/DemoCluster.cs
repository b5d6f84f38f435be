using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Telepath.Samples;
using Telepath.TrafficAgent;
using Telepath.TrafficManager;

namespace Telepath.Cli.Commands.Demo;

/// <summary>
/// The demo's stand-in for a cluster, all on loopback in this process: a traffic manager, the
/// sample `orders` service fronted by a traffic agent, and the laptop's own copy of the service.
/// </summary>
internal sealed class DemoCluster : IAsyncDisposable
{
    private readonly List<WebApplication> _hosts = [];

    private DemoCluster(string directory) => Directory = directory;

    /// <summary>A private folder for the token and the demo laptop's daemon; deleted on dispose.</summary>
    public string Directory { get; }

    public string TokenFile => Path.Combine(Directory, "token");

    public IPEndPoint Manager { get; private set; } = null!;

    /// <summary>The service port the agent owns: what cluster clients call.</summary>
    public IPEndPoint Service { get; private set; } = null!;

    public IPEndPoint LocalApp { get; private set; } = null!;

    public static async Task<DemoCluster> StartAsync(Action<string, string> progress, CancellationToken cancellationToken)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("telepath-demo-").FullName;
        var cluster = new DemoCluster(directory);
        try
        {
            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            await File.WriteAllTextAsync(cluster.TokenFile, token, cancellationToken);
            var loopback = new IPEndPoint(IPAddress.Loopback, 0);

            var manager = await cluster.StartAsync(ManagerHost.Build(new ManagerOptions(loopback, token), Quiet), cancellationToken);
            cluster.Manager = ManagerHost.BoundEndPoint(manager);
            progress("traffic manager", cluster.Manager.ToString());

            var app = await cluster.StartAsync(SampleService.Build(loopback, "the cluster"), cancellationToken);
            var agentOptions = new AgentOptions("orders", "default", "Deployment", "orders-7d9f8-x2x4k", loopback, SampleService.BoundEndPoint(app), cluster.Manager.ToString(), token);
            var agent = await cluster.StartAsync(AgentHost.Build(agentOptions, Quiet), cancellationToken);
            cluster.Service = AgentHost.BoundEndPoint(agent);
            progress("cluster service \"orders\" (HTTP + gRPC) behind its traffic agent", cluster.Service.ToString());

            var local = await cluster.StartAsync(SampleService.Build(loopback, "your laptop"), cancellationToken);
            cluster.LocalApp = SampleService.BoundEndPoint(local);
            progress("your local copy of \"orders\"", cluster.LocalApp.ToString());
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Stop in reverse order so the agent departs while the manager still listens.
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _hosts[i].StopAsync(timeout.Token);
            await _hosts[i].DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A daemon that is still shutting down may hold its log for a moment; the folder is in /tmp.
        }
    }

    private async Task<WebApplication> StartAsync(WebApplication host, CancellationToken cancellationToken)
    {
        _hosts.Add(host);
        await host.StartAsync(cancellationToken);
        return host;
    }

    private static void Quiet(ILoggingBuilder logging) => logging.ClearProviders();
}
