using System.Net;
using k8s.Models;
using Telepath.TrafficManager.Cluster;

namespace Telepath.TrafficManager.Tests.Cluster;

public sealed class ClusterRangesTests
{
    [Fact]
    public void ServiceCIDRs_are_preferred_to_the_API_servers_answer()
    {
        var (ranges, _) = ClusterRanges.Compose([ServiceCidr("kubernetes", "10.96.0.0/12")], [IPNetwork.Parse("10.43.0.0/16")], [], [], []);

        Assert.Equal(["10.96.0.0/12 Services ServiceCidr kubernetes"], Describe(ranges));
    }

    [Fact]
    public void Without_a_usable_ServiceCIDR_the_API_servers_answer_is_used()
    {
        var (ranges, refused) = ClusterRanges.Compose([ServiceCidr("bad", "0.0.0.0/0")], [IPNetwork.Parse("10.43.0.0/16")], [], [], []);

        Assert.Equal(["10.43.0.0/16 Services ApiServer"], Describe(ranges));
        Assert.Equal(["ServiceCIDR bad: 0.0.0.0/0 (wider than /8)"], refused);
    }

    [Fact]
    public void Only_addresses_outside_the_clusters_answers_are_guessed()
    {
        var (ranges, _) = ClusterRanges.Compose(
            [ServiceCidr("kubernetes", "10.96.0.0/12")],
            [],
            [Node("a", "10.244.0.0/24")],
            Addresses("10.96.0.1", "10.104.3.4", "172.20.0.9"),
            Addresses("10.244.0.7", "192.168.5.3"));

        Assert.Equal(
            ["10.96.0.0/12 Services ServiceCidr kubernetes", "172.20.0.0/16 Services Guessed", "10.244.0.0/24 Pods NodePodCidrs", "192.168.0.0/16 Pods Guessed"],
            Describe(ranges));
    }

    [Fact]
    public void A_node_with_only_the_old_podCIDR_field_counts_and_one_with_both_is_read_once()
    {
        var old = new V1Node { Metadata = new V1ObjectMeta { Name = "old" }, Spec = new V1NodeSpec { PodCIDR = "10.244.1.0/24" } };

        var (ranges, _) = ClusterRanges.Compose([], [], [old, Node("new", "10.244.0.0/24", "fd00:10:244::/64")], [], []);

        Assert.Equal(["10.244.0.0/23 Pods NodePodCidrs", "fd00:10:244::/64 Pods NodePodCidrs"], Describe(ranges));
    }

    [Fact]
    public void Text_from_the_cluster_that_is_no_range_is_refused_and_said_on_one_line()
    {
        var (ranges, refused) = ClusterRanges.Compose([], [], [Node("evil", "127.0.0.0/8", "10.0.0.1/8", "x\ny")], [], []);

        Assert.Empty(ranges);
        Assert.Equal(
            ["Node evil: 127.0.0.0/8 (overlaps 127.0.0.0/8, which is never redirected)", "Node evil: 10.0.0.1/8 (not a CIDR)", "Node evil: x?y (not a CIDR)"],
            refused);
    }

    private static V1ServiceCIDR ServiceCidr(string name, params string[] cidrs) =>
        new() { Metadata = new V1ObjectMeta { Name = name }, Spec = new V1ServiceCIDRSpec { Cidrs = cidrs } };

    private static V1Node Node(string name, params string[] cidrs) =>
        new() { Metadata = new V1ObjectMeta { Name = name }, Spec = new V1NodeSpec { PodCIDR = cidrs[0], PodCIDRs = cidrs } };

    private static IPAddress[] Addresses(params string[] addresses) => [.. addresses.Select(IPAddress.Parse)];

    private static List<string> Describe(IEnumerable<ClusterRange> ranges) =>
        [.. ranges.Select(r => $"{r.Network} {r.Kind} {r.Origin} {r.Name}".TrimEnd())];
}
