using k8s;
using k8s.Models;
using Telepath.KubeApi.TestServer;
using Telepath.Testing.Managers;
using Telepath.TrafficManager.Cluster;

namespace Telepath.TrafficManager.Tests.Cluster;

/// <summary>
/// The Kubernetes API test server in process with a shop namespace (a Service "orders", a headless
/// Service "db" and two StatefulSet-like pods of it), an admin client, and the real manager reading
/// it through a kubeconfig.
/// </summary>
public sealed class ClusterFixture : IAsyncDisposable
{
    private ClusterFixture(KubeApiServer server, string directory, k8s.Kubernetes admin)
    {
        Server = server;
        Directory = directory;
        Admin = admin;
    }

    public KubeApiServer Server { get; }

    public string Directory { get; }

    public k8s.Kubernetes Admin { get; }

    public LoopbackManager Manager { get; private set; } = null!;

    public string KubeconfigPath => Path.Combine(Directory, "kubeconfig");

    /// <param name="options">The API server's; its defaults when null.</param>
    /// <param name="beforeManager">Done to the server after the shop is arranged and before the manager starts (RBAC refusals).</param>
    public static async Task<ClusterFixture> StartAsync(KubeApiServerOptions? options = null, Action<KubeApiServer>? beforeManager = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("tp-cluster-view-").FullName;
        var server = await KubeApiServer.StartAsync(options);
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        server.WriteKubeconfig(kubeconfig);
        var fixture = new ClusterFixture(server, directory, new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)));
        await fixture.ArrangeShopAsync();
        // The manager's pod resolv.conf as kubelet writes it, naming a domain other than the default.
        var resolvConf = Path.Combine(directory, "resolv.conf");
        await File.WriteAllTextAsync(resolvConf, "nameserver 10.96.0.10\nsearch telepath.svc.corp.test svc.corp.test corp.test\noptions ndots:5\n");
        beforeManager?.Invoke(server);
        fixture.Manager = await LoopbackManager.StartAsync(configure: options => options with
        {
            Cluster = ClusterAccess.Kubeconfig(kubeconfig),
            ResolvConf = resolvConf,
        });
        return fixture;
    }

    public static V1Service Service(string name, string? clusterIp = null, Dictionary<string, string>? selector = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ServiceSpec
        {
            ClusterIP = clusterIp,
            Selector = selector ?? new Dictionary<string, string> { ["app"] = name },
            Ports = [new V1ServicePort { Port = 8080 }],
        },
    };

    private async Task ArrangeShopAsync()
    {
        await Admin.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "shop" } });
        await Admin.CreateNamespacedServiceAsync(Service("orders"), "shop");
        await Admin.CreateNamespacedServiceAsync(Service("db", clusterIp: "None"), "shop");
        foreach (var name in new[] { "db-0", "db-1" })
        {
            await Admin.CreateNamespacedPodAsync(
                new V1Pod
                {
                    Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "db" } },
                    Spec = new V1PodSpec
                    {
                        Hostname = name,
                        Subdomain = "db",
                        Containers = [new V1Container { Name = "db", Image = "example/db:1" }],
                    },
                },
                "shop");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Manager is not null)
        {
            await Manager.DisposeAsync();
        }

        Admin.Dispose();
        await Server.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
