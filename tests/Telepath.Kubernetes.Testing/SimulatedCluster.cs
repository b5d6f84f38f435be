using System.Collections.Concurrent;
using System.Net;
using k8s;
using Telepath.KubeApi.TestServer;
using Telepath.KubeApi.TestServer.Pods;
using Telepath.Kubernetes.Testing.Pods;
using Telepath.Kubernetes.Testing.Services;

namespace Telepath.Kubernetes.Testing;

/// <summary>
/// A cluster on this machine: the Kubernetes API test server in this process (HTTPS, the real REST
/// paths, watches, port-forward) running the telepath-server image's containers as local processes
/// and the sample app in this process, a kubeconfig for it, and an admin client for arranging and
/// checking. Disposing stops the server, which stops every pod.
/// </summary>
public sealed class SimulatedCluster : IAsyncDisposable
{
    private static int s_clusters;

    private readonly bool _ownsDirectory;
    private readonly ConcurrentDictionary<(string Namespace, string Pod, string Container), ContainerLaunch> _launches = new();
    private ManagerServiceProxy? _proxy;

    private SimulatedCluster(string directory, bool ownsDirectory, string contextName)
    {
        Directory = directory;
        _ownsDirectory = ownsDirectory;
        ContextName = contextName;
    }

    public KubeApiServer Server { get; private set; } = null!;

    public k8s.Kubernetes Client { get; private set; } = null!;

    public string Directory { get; }

    public string ContextName { get; }

    public string KubeconfigPath => Path.Combine(Directory, "kubeconfig");

    /// <summary>
    /// What the kubelet started a container of the pod with (its volumes' places on this machine among
    /// it, <see cref="ContainerLaunch.LocalPath"/>); null when it has not started one of that name.
    /// </summary>
    public ContainerLaunch? LaunchOf(string @namespace, string pod, string container) =>
        _launches.TryGetValue((@namespace, pod, container), out var launch) ? launch : null;

    /// <summary>Image patterns whose pull fails from now on (read at each container start).</summary>
    public List<string> UnpullableImages { get; } = [];

    public static async Task<SimulatedCluster> StartAsync(SimulatedClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatedClusterOptions();
        SimulatedCluster cluster;
        if (options.Directory is { } directory)
        {
            System.IO.Directory.CreateDirectory(directory);
            cluster = new SimulatedCluster(directory, ownsDirectory: false, options.ContextName);
        }
        else
        {
            cluster = new SimulatedCluster(System.IO.Directory.CreateTempSubdirectory("tp-kube-").FullName, ownsDirectory: true, options.ContextName);
        }

        try
        {
            var containers = new ServerContainers(cluster.Directory, () => cluster.Server.Store, () => cluster._proxy!.Address)
            {
                ServerDll = options.ServerDll,
                ProcessStarted = options.ProcessStarted,
                Logs = options.ContainerLogs,
                ManagerKubeconfig = cluster.KubeconfigPath,
                // Pods are on this machine's loopback (127.x.y.z), which a real manager refuses to dial.
                ManagerOutboundAllowList = "127.0.0.0/8",
            };
            cluster.Server = await KubeApiServer.StartAsync(
                new KubeApiServerOptions
                {
                    PodRunner = new ImagePodRunner()
                        .InProcess("*telepath-server*", cluster.Recorded(containers.RunAsync))
                        .InProcess("example/orders*", cluster.Recorded(AppContainer.RunAsync)),
                    UnpullableImages = cluster.UnpullableImages,
                    // Beside the kubeconfig and the logs, so a kept directory shows the agents' tokens too.
                    KubeletDirectory = Path.Combine(cluster.Directory, "kubelet"),
                    FirstPodIp = options.FirstPodIp ?? NextPodNetwork(),
                },
                cancellationToken);
            cluster.Server.WriteKubeconfig(cluster.KubeconfigPath, cluster.ContextName);
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

    private Func<ContainerLaunch, CancellationToken, Task> Recorded(Func<ContainerLaunch, CancellationToken, Task> run) =>
        (launch, cancellationToken) =>
        {
            _launches[(launch.Namespace, launch.PodName, launch.ContainerName)] = launch;
            return run(launch, cancellationToken);
        };

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

        if (_ownsDirectory)
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open; the temporary folder is left to the system's cleanup.
            }
        }
    }
}
