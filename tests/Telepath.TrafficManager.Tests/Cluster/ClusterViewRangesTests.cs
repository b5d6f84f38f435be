using System.Net;
using k8s;
using k8s.Models;
using Telepath.KubeApi.TestServer;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.Protocol.Manager;
using static Telepath.TrafficManager.Tests.Cluster.ClusterStream;

namespace Telepath.TrafficManager.Tests.Cluster;

/// <summary>Where the ranges laptops get come from: the cluster's own answers first, a guess only where it gave none.</summary>
public sealed class ClusterViewRangesTests
{
    private static readonly IPAddress PodNetwork = IPAddress.Parse("10.244.0.10");

    [Fact]
    public async Task With_ServiceCIDRs_the_service_range_is_theirs_and_the_pod_range_the_nodes()
    {
        await using var cluster = await ClusterFixture.StartAsync(new KubeApiServerOptions { FirstPodIp = PodNetwork });

        var info = await RangesAsync(cluster, i => i.Ranges.Count == 2, "with two ranges");

        Assert.Equal(["10.96.0.0/12 Services ServiceCidr kubernetes", "10.244.0.0/24 Pods NodePodCidrs"], Describe(info));
        Assert.Equal(["10.96.0.0/12"], info.ServiceCidrs);
        Assert.Equal(["10.244.0.0/24"], info.PodCidrs);
    }

    [Fact]
    public async Task Without_ServiceCIDRs_the_service_range_is_the_one_the_API_server_names_for_a_dry_run_and_nothing_is_created()
    {
        await using var cluster = await ClusterFixture.StartAsync(new KubeApiServerOptions { ServeServiceCidrs = false, FirstPodIp = PodNetwork });

        var info = await RangesAsync(cluster, i => i.Ranges.Any(r => r.Kind == ClusterInfo.Types.Range.Types.Kind.Services), "with a service range");

        Assert.Equal(["10.96.0.0/12 Services ApiServer", "10.244.0.0/24 Pods NodePodCidrs"], Describe(info));
        Assert.Equal(["db", "orders"], cluster.Server.Store.List(ResourceCatalog.Services, null).Items.Select(s => s["metadata"]!["name"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Without_ServiceCIDRs_and_without_leave_to_create_services_the_service_range_is_guessed_from_cluster_IPs()
    {
        // The manager acts in its kubeconfig's namespace, "default": the dry-run is refused there.
        await using var cluster = await ClusterFixture.StartAsync(
            new KubeApiServerOptions { ServeServiceCidrs = false, FirstPodIp = PodNetwork },
            server => server.Deny("create", "services", "default"));

        var info = await RangesAsync(cluster, i => i.Ranges.Any(r => r.Kind == ClusterInfo.Types.Range.Types.Kind.Services), "with a service range");

        Assert.Equal(["10.96.0.0/16 Services Guessed", "10.244.0.0/24 Pods NodePodCidrs"], Describe(info));
    }

    [Fact]
    public async Task A_ServiceCIDR_added_later_reaches_laptops_with_its_IPv6_range()
    {
        await using var cluster = await ClusterFixture.StartAsync();
        using var call = await WatchAsync(cluster);
        await NextAsync(call, i => i.Ranges.Count > 0, "with ranges");

        await cluster.Admin.NetworkingV1.CreateServiceCIDRAsync(new V1ServiceCIDR
        {
            Metadata = new V1ObjectMeta { Name = "extra" },
            Spec = new V1ServiceCIDRSpec { Cidrs = ["10.200.0.0/16", "fd00:10:96::/108"] },
        });
        var info = await NextAsync(call, i => i.Ranges.Any(r => r.Name == "extra"), "with the ServiceCIDR extra");

        Assert.Equal(
            ["10.200.0.0/16 Services ServiceCidr extra", "fd00:10:96::/108 Services ServiceCidr extra", "10.96.0.0/12 Services ServiceCidr kubernetes"],
            Describe(info));
        Assert.Equal(["10.200.0.0/16", "10.96.0.0/12"], info.ServiceCidrs);
    }

    [Fact]
    public async Task Node_pod_ranges_are_merged_and_a_node_added_later_reaches_laptops()
    {
        await using var cluster = await ClusterFixture.StartAsync(new KubeApiServerOptions { FirstPodIp = PodNetwork });
        using var call = await WatchAsync(cluster);
        await NextAsync(call, i => i.PodCidrs.Count > 0, "with a pod range");

        await cluster.Admin.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "second" },
            Spec = new V1NodeSpec { PodCIDR = "10.244.1.0/24", PodCIDRs = ["10.244.1.0/24", "fd00:10:244:1::/64"] },
        });
        var info = await NextAsync(call, i => i.PodCidrs.Contains("10.244.0.0/23"), "with both nodes' ranges");

        Assert.Equal(["10.96.0.0/12 Services ServiceCidr kubernetes", "10.244.0.0/23 Pods NodePodCidrs", "fd00:10:244:1::/64 Pods NodePodCidrs"], Describe(info));
    }

    [Fact]
    public async Task Pods_outside_every_node_range_are_covered_by_a_guess()
    {
        // A CNI with its own address management: the node has a podCIDR its pods do not use.
        await using var cluster = await ClusterFixture.StartAsync(new KubeApiServerOptions
        {
            FirstPodIp = IPAddress.Parse("10.1.0.10"),
            NodePodCidrs = [IPNetwork.Parse("10.244.0.0/24")],
        });

        var info = await RangesAsync(cluster, i => i.PodCidrs.Count == 2, "with two pod ranges");

        Assert.Equal(["10.96.0.0/12 Services ServiceCidr kubernetes", "10.244.0.0/24 Pods NodePodCidrs", "10.1.0.0/16 Pods Guessed"], Describe(info));
    }

    [Fact]
    public async Task When_RBAC_refuses_nodes_ServiceCIDRs_and_the_dry_run_every_range_is_guessed_and_names_still_work()
    {
        await using var cluster = await ClusterFixture.StartAsync(new KubeApiServerOptions { FirstPodIp = PodNetwork }, server =>
        {
            server.Deny("list", "nodes");
            server.Deny("list", "servicecidrs.networking.k8s.io");
            server.Deny("create", "services");
        });

        var info = await RangesAsync(cluster, i => i.Ranges.Count == 2, "with two ranges");

        Assert.Equal(["10.96.0.0/16 Services Guessed", "10.244.0.0/16 Pods Guessed"], Describe(info));
        Assert.NotNull(Addresses(info, "orders.shop.svc.corp.test"));
    }

    [Fact]
    public async Task A_dry_run_refused_at_start_is_asked_again_when_the_view_is_refreshed_after_a_failure()
    {
        await using var cluster = await ClusterFixture.StartAsync(
            new KubeApiServerOptions { ServeServiceCidrs = false, FirstPodIp = PodNetwork },
            server => server.Deny("create", "services", "default"));
        using var call = await WatchAsync(cluster);
        await NextAsync(call, i => Describe(i).Contains("10.96.0.0/16 Services Guessed"), "with the guess");

        cluster.Server.Allow("create", "services", "default");
        // The Services' watch breaks and cannot resume; the list that follows is the refresh.
        cluster.Server.Deny("watch", "services");
        cluster.Server.Store.CloseWatches();
        var info = await NextAsync(call, i => Describe(i).Contains("10.96.0.0/12 Services ApiServer"), "with the API server's range");
        cluster.Server.Allow("watch", "services");

        Assert.DoesNotContain("10.96.0.0/16 Services Guessed", Describe(info));
    }

    private static async Task<Grpc.Core.AsyncServerStreamingCall<ClusterInfo>> WatchAsync(ClusterFixture cluster)
    {
        var client = cluster.Manager.Client();
        var session = (await client.ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop" })).SessionSecret;
        return client.WatchCluster(new SessionRef { SessionSecret = session });
    }

    private static async Task<ClusterInfo> RangesAsync(ClusterFixture cluster, Func<ClusterInfo, bool> wanted, string description)
    {
        using var call = await WatchAsync(cluster);
        return await NextAsync(call, i => i.HasView && wanted(i), description);
    }

    private static List<string> Describe(ClusterInfo info) =>
        [.. info.Ranges.Select(r => $"{r.Cidr} {r.Kind} {r.Origin} {r.Name}".TrimEnd())];
}
