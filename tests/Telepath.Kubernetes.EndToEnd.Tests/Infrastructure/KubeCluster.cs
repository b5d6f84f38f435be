using System.Net;
using k8s;
using Telepath.KubeApi.TestServer;
using Telepath.KubeApi.TestServer.Pods;

namespace Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One test's cluster: the Kubernetes API test server running the telepath-server image and the
/// sample app as local processes, a kubeconfig for it, and an admin client for arranging and checking.
/// </summary>
public sealed class KubeCluster : IAsyncDisposable
{
    public const string ContextName = "telepath-test";

    private static int s_clusters;

    private ManagerServiceProxy? _proxy;

    private KubeCluster(string directory, List<string> unpullable)
    {
        Directory = directory;
        UnpullableImages = unpullable;
    }

    public KubeApiServer Server { get; private set; } = null!;

    public k8s.Kubernetes Client { get; private set; } = null!;

    public string Directory { get; }

    public string KubeconfigPath => Path.Combine(Directory, "kubeconfig");

    /// <summary>Image patterns whose pull fails from now on (read at each container start).</summary>
    public List<string> UnpullableImages { get; }

    public static async Task<KubeCluster> StartAsync()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("tp-kube-").FullName;
        var cluster = new KubeCluster(directory, []);
        var containers = new ServerContainers(directory, () => cluster.Server.Store, () => cluster._proxy!.Address);
        cluster.Server = await KubeApiServer.StartAsync(new KubeApiServerOptions
        {
            PodRunner = new ImagePodRunner()
                .InProcess("*telepath-server*", containers.RunAsync)
                .InProcess("example/orders*", AppContainer.RunAsync),
            UnpullableImages = cluster.UnpullableImages,
            FirstPodIp = NextPodNetwork(),
        });
        cluster.Server.WriteKubeconfig(cluster.KubeconfigPath, ContextName);
        cluster.Client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath));
        cluster._proxy = new ManagerServiceProxy(() => cluster.Client);
        return cluster;
    }

    // Clusters of parallel tests (and of other test processes) must not hand out the same pod
    // addresses: two managers would fight over one 127.x.y.z:8081.
    private static IPAddress NextPodNetwork()
    {
        var cluster = Interlocked.Increment(ref s_clusters);
        return new IPAddress([127, (byte)(20 + (Environment.ProcessId % 200)), (byte)(cluster % 250), 1]);
    }

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

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
