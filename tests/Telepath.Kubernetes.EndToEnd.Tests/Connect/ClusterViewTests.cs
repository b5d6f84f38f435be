using k8s;
using Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;
using Telepath.Protocol.Manager;
using Telepath.Tunnels.Links;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.Kubernetes.EndToEnd.Tests.Connect;

public sealed class ClusterViewTests
{
    [Fact]
    public async Task The_installed_manager_reads_the_clusters_services_through_its_kubeconfig()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await SampleWorkloads.CreateAsync(cluster.Client, "orders", "http");
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        await laptop.MustRunAsync("connect");
        var orders = await cluster.Client.ReadNamespacedServiceAsync("orders", "default");
        var manager = (await cluster.Client.ListNamespacedPodAsync("telepath")).Items.Single(pod => pod.Metadata.Name.StartsWith("telepath-manager", StringComparison.Ordinal));
        // No token: the manager trusts a caller on its pod's loopback, where a port-forward arrives (pods here are on 127/8).
        using var channel = ManagerLink.Create($"{manager.Status.PodIP}:8081", token: null);
        var client = new ProtocolManager.ManagerClient(channel.Channel);
        var session = (await client.ArriveAsClientAsync(new ClientArrival { Name = "test@laptop" })).SessionSecret;
        using var call = client.WatchCluster(new SessionRef { SessionSecret = session });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        ClusterInfo? info = null;
        while (await call.ResponseStream.MoveNext(timeout.Token))
        {
            info = call.ResponseStream.Current;
            if (info.Records.Any(record => record.Name == "orders.default.svc.cluster.local"))
            {
                break;
            }
        }

        Assert.NotNull(info);
        Assert.True(info.HasView);
        Assert.Equal([orders.Spec.ClusterIP], info.Records.Single(record => record.Name == "orders.default.svc.cluster.local").Addresses);
        Assert.Contains("telepath", info.Namespaces);
    }
}
