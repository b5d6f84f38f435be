using System.Net;
using System.Net.Sockets;
using Telepath.KubeApi.TestServer;
using Telepath.Network.ClusterHost.Dns;
using Telepath.Network.ClusterHost.KubeProxy;
using Telepath.Network.ClusterHost.Pods;
using Telepath.Testing.Relays;

namespace Telepath.Network.ClusterHost.Hosting;

/// <summary>
/// The API server of the topology: listens on every address of the API server's namespace, writes
/// the laptop's and the manager's kubeconfigs, opens the admin socket, runs pods in the cluster
/// namespace, the mini kube-proxy and the cluster's DNS, prints "ready", and stops it all when told.
/// </summary>
internal static class HostedCluster
{
    public const string FirstPodIp = "10.244.0.10";

    public static async Task<int> RunAsync(HostOptions options)
    {
        using var stop = new StopSignal();
        Directory.CreateDirectory(options.Directory);
        var managerKubeconfig = Path.Combine(options.Directory, "cluster.kubeconfig");
        KubeApiServer? server = null;
        var store = () => server!.Store;
        server = await KubeApiServer.StartAsync(new KubeApiServerOptions
        {
            ListenAddress = IPAddress.Any,
            CertificateAddresses = [options.LaptopSideAddress, options.ClusterSideAddress],
            FirstPodIp = IPAddress.Parse(FirstPodIp),
            PodRunner = ClusterPods.Runner(options.ClusterNamespace, options.Directory, managerKubeconfig, store, options.ClusterSide),
        });
        await using (server)
        {
            var port = new Uri(server.Url).Port;
            server.WriteKubeconfig(managerKubeconfig, "cluster", server: $"https://{options.ClusterSide}:{port}");
            server.WriteKubeconfig(Path.Combine(options.Directory, "laptop.kubeconfig"), "topology", server: $"https://{options.LaptopSide}:{port}");

            // The test process lives in the root namespace, which has no route here; a unix socket
            // is reachable from every namespace, and it leaves the laptop's isolation untouched.
            await using var admin = SocketRelay.Start(
                new UnixDomainSocketEndPoint(Path.Combine(options.Directory, "admin.sock")), new IPEndPoint(IPAddress.Loopback, port));

            var kubeProxy = new MiniKubeProxy(options.ClusterNamespace, server.Store).RunAsync(stop.Token);
            var dns = new ClusterDns(options.ClusterSideAddress, server.Store).RunAsync(stop.Token);
            Console.WriteLine($"ready {server.Url}");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Told to stop: disposing the server stops every pod.
            }

            await Task.WhenAll(kubeProxy, dns);
        }

        return 0;
    }
}
