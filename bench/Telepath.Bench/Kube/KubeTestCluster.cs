using System.Net;
using k8s;
using Telepath.KubeApi.TestServer;
using Telepath.KubeApi.TestServer.Pods;

namespace Telepath.Bench.Kube;

/// <summary>
/// The cluster of the Kubernetes section: the Kubernetes API test server in this process (HTTPS,
/// the real REST paths, watches, port-forward), its telepath-server pods as local processes and the
/// orders app in this process, a kubeconfig for it, and an admin client for arranging and checking.
/// Disposing stops the server, which stops every pod.
/// </summary>
internal sealed class KubeTestCluster : IAsyncDisposable
{
    public const string ContextName = "telepath-bench";

    private ManagerServiceProxy? _proxy;

    private KubeTestCluster(string directory) => KubeconfigPath = Path.Combine(directory, "kubeconfig");

    public KubeApiServer Server { get; private set; } = null!;

    public k8s.Kubernetes Client { get; private set; } = null!;

    public string KubeconfigPath { get; }

    public static async Task<KubeTestCluster> StartAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var cluster = new KubeTestCluster(directory);
        try
        {
            var servers = new ServerPods(directory, () => cluster.Server.Store, () => cluster._proxy!.Address);
            cluster.Server = await KubeApiServer.StartAsync(
                new KubeApiServerOptions
                {
                    PodRunner = new ImagePodRunner()
                        .InProcess("*telepath-server*", servers.RunAsync)
                        .InProcess(OrdersWorkload.Image, OrdersWorkload.RunAppAsync),
                    FirstPodIp = PodNetwork(),
                },
                cancellationToken);
            cluster.Server.WriteKubeconfig(cluster.KubeconfigPath, ContextName);
            cluster.Client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath));
            cluster._proxy = new ManagerServiceProxy(cluster.Client);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    // Not the test server's default network, nor the end-to-end tests' 127.20-219.x.x: a manager of a
    // test running beside the bench must not take the bench's pod address and port.
    private static IPAddress PodNetwork() => new([127, 250, (byte)(Environment.ProcessId % 250), 1]);

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        Client?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
