using k8s;
using k8s.Models;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;
using Telepath.Testing.Polling;

namespace Telepath.KubeApi.TestServer.Tests.Client;

/// <summary>The cluster-scoped list and watch a reflector makes (/api/v1/services?watch=1 and the like).</summary>
public class AllNamespacesTests
{
    [Fact]
    public async Task Services_of_every_namespace_are_listed_and_watched_from_the_list_version()
    {
        await using var cluster = await TestCluster.StartAsync();
        await CreateNamespaceAsync(cluster, "shop");
        await cluster.Client.CreateNamespacedServiceAsync(Service("orders"), "shop");
        await cluster.Client.CreateNamespacedServiceAsync(Service("web"), "default");

        var list = await cluster.Client.ListServiceForAllNamespacesAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<(WatchEventType, string)>();
        var watching = Task.Run(async () =>
        {
            var watch = cluster.Client.CoreV1.WatchListServiceForAllNamespacesAsync(resourceVersion: list.Metadata.ResourceVersion, cancellationToken: timeout.Token);
            await foreach (var (type, item) in watch)
            {
                events.Add((type, $"{item.Namespace()}/{item.Name()}"));
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });
        await cluster.Client.CreateNamespacedServiceAsync(Service("payments"), "shop");
        await cluster.Client.DeleteNamespacedServiceAsync("orders", "shop");
        await watching;

        Assert.Equal(["default/web", "shop/orders"], list.Items.Where(s => s.Name() != "kubernetes").Select(s => $"{s.Namespace()}/{s.Name()}").Order());
        Assert.Equal([(WatchEventType.Added, "shop/payments"), (WatchEventType.Deleted, "shop/orders")], events);
    }

    [Fact]
    public async Task Pods_and_namespaces_are_listed_across_the_cluster_and_a_watch_without_a_version_starts_with_what_exists()
    {
        await using var cluster = await TestCluster.StartAsync();
        await CreateNamespaceAsync(cluster, "shop");
        await cluster.Client.CreateNamespacedPodAsync(Pod("db-0"), "shop");
        await cluster.Client.CreateNamespacedPodAsync(Pod("web-0"), "default");

        var pods = await cluster.Client.ListPodForAllNamespacesAsync();
        var namespaces = await cluster.Client.ListNamespaceAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var first = await cluster.Client.CoreV1.WatchListPodForAllNamespacesAsync(cancellationToken: timeout.Token).FirstAsync(timeout.Token);

        Assert.Equal(["default/web-0", "shop/db-0"], pods.Items.Select(p => $"{p.Namespace()}/{p.Name()}").Order());
        Assert.Contains("shop", namespaces.Items.Select(n => n.Name()));
        Assert.Contains("kube-system", namespaces.Items.Select(n => n.Name()));
        Assert.Equal(WatchEventType.Added, first.Item1);
    }

    [Fact]
    public async Task A_headless_service_has_None_in_clusterIPs_as_well()
    {
        await using var cluster = await TestCluster.StartAsync();
        var headless = Service("db");
        headless.Spec.ClusterIP = "None";

        var created = await cluster.Client.CreateNamespacedServiceAsync(headless, "default");

        Assert.Equal("None", created.Spec.ClusterIP);
        Assert.Equal(["None"], created.Spec.ClusterIPs);
    }

    [Fact]
    public async Task A_statefulset_pod_has_its_name_as_hostname_and_the_governing_service_as_subdomain()
    {
        await using var cluster = await TestCluster.StartAsync();
        var deployment = Manifests.Deployment("db");
        var statefulSet = new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = "db" },
            Spec = new V1StatefulSetSpec { ServiceName = "db-headless", Replicas = 1, Selector = deployment.Spec.Selector, Template = deployment.Spec.Template },
        };

        await cluster.Client.CreateNamespacedStatefulSetAsync(statefulSet, "default");
        var pod = await Poll.UntilAsync(
            async () => (await cluster.Client.ListNamespacedPodAsync("default")).Items.FirstOrDefault(),
            p => p is not null);

        Assert.Equal("db-0", pod!.Spec.Hostname);
        Assert.Equal("db-headless", pod.Spec.Subdomain);
    }

    private static Task CreateNamespaceAsync(TestCluster cluster, string name) =>
        cluster.Client.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });

    private static V1Service Service(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = name }, Ports = [new V1ServicePort { Port = 80 }] },
    };

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "nginx:1.27" }] },
    };
}
