using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using k8s;
using Telepath.Testing.Relays;
using Telepath.Network.Testing.Topology;
using Telepath.Testing.Processes;

namespace Telepath.Network.Testing.Cluster;

/// <summary>
/// The Kubernetes API test server running in the topology's API server namespace (the cluster
/// host), its pods in the cluster namespace, a kubeconfig for the laptop, and an admin client for
/// the test, which runs in the root namespace and reaches the server through a unix socket.
/// </summary>
public sealed partial class TopologyCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _host;
    private SocketRelay? _admin;

    private TopologyCluster(NetworkTopology topology, string directory, ChildProcess host)
    {
        Topology = topology;
        Directory = directory;
        _host = host;
    }

    public NetworkTopology Topology { get; }

    /// <summary>Kubeconfigs, the admin socket, and each container's log (POD-CONTAINER.log) once it stopped.</summary>
    public string Directory { get; }

    /// <summary>For the CLI in the laptop namespace: the API server at its laptop-side address.</summary>
    public string LaptopKubeconfig => Path.Combine(Directory, "laptop.kubeconfig");

    /// <summary>The API server as the laptop dials it, e.g. https://192.168.10.2:41234.</summary>
    public string ApiUrl { get; private set; } = "";

    public k8s.Kubernetes Client { get; private set; } = null!;

    /// <summary>What the host printed: the API server's and the kube-proxy's complaints.</summary>
    public string HostOutput => _host.Output;

    /// <summary><c>dotnet DLL fetch URL</c>: a .NET HttpClient GET in whichever namespace it runs, body to stdout.</summary>
    public static IReadOnlyList<string> DotnetFetch(string url) => ["dotnet", ClusterHostDll.Path, "fetch", url];

    public static async Task<TopologyCluster> StartAsync(NetworkTopology topology, CancellationToken cancellationToken = default)
    {
        // Short: the admin socket's path must stay under 108 bytes.
        var directory = System.IO.Directory.CreateTempSubdirectory("tp-net-").FullName;
        var host = NetworkTopology.Start(topology.Names.Api, "cluster host", [
            "dotnet", ClusterHostDll.Path, "cluster",
            "--namespace", topology.Names.Cluster,
            "--laptop-side", topology.ApiLaptopSideAddress.ToString(),
            "--cluster-side", topology.ApiClusterSideAddress.ToString(),
            "--directory", directory,
        ]);
        var cluster = new TopologyCluster(topology, directory, host);
        try
        {
            var ready = await host.WaitForLineAsync(ReadyLine(), StartPatience, cancellationToken);
            var port = int.Parse(ready.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            cluster.ApiUrl = $"https://{topology.ApiLaptopSideAddress}:{port}";
            cluster._admin = SocketRelay.Start(new IPEndPoint(IPAddress.Loopback, 0), new UnixDomainSocketEndPoint(Path.Combine(directory, "admin.sock")));
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.LaptopKubeconfig);
            config.Host = $"https://127.0.0.1:{((IPEndPoint)cluster._admin.LocalEndPoint).Port}";
            cluster.Client = new k8s.Kubernetes(config);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The cluster goes away, as when it is deleted: the API server and every pod stop (SIGTERM, then SIGKILL). Disposing still cleans up.</summary>
    public Task StopAsync() => _host.StopAsync(TimeSpan.FromSeconds(15));

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }

        // SIGTERM: the host stops every pod before it goes.
        await StopAsync();
        await _host.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary folder is left to the system's cleanup.
        }
    }

    [GeneratedRegex(@"^ready https://[^:]+:(\d+)$")]
    private static partial Regex ReadyLine();
}
