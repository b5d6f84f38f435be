using System.Net;
using Telepath.TrafficManager.Cluster;

namespace Telepath.TrafficManager.Tests.Cluster;

public sealed class RangeAggregationTests
{
    [Fact]
    public void A_hundred_consecutive_node_ranges_are_three_ranges_covering_exactly_them()
    {
        var nodes = Enumerable.Range(0, 100).Select(i => $"10.244.{i}.0/24");

        Assert.Equal(["10.244.0.0/18", "10.244.64.0/19", "10.244.96.0/22"], Merge([.. nodes]));
    }

    [Fact]
    public void Halves_merge_only_with_their_own_sibling()
    {
        Assert.Equal(["10.244.1.0/24", "10.244.2.0/24"], Merge("10.244.2.0/24", "10.244.1.0/24"));
    }

    [Fact]
    public void Ranges_inside_another_and_repeats_go()
    {
        Assert.Equal(["10.96.0.0/12"], Merge("10.100.0.0/16", "10.96.0.0/12", "10.96.0.0/12", "10.111.255.0/24"));
    }

    [Fact]
    public void IPv6_ranges_merge_too_and_come_after_IPv4()
    {
        Assert.Equal(["10.244.0.0/24", "fd00:10:244::/63"], Merge("fd00:10:244:1::/64", "10.244.0.0/24", "fd00:10:244::/64"));
    }

    [Fact]
    public void Nothing_merges_into_nothing()
    {
        Assert.Empty(Merge());
    }

    private static List<string> Merge(params string[] ranges) =>
        [.. RangeAggregation.Merge(ranges.Select(IPNetwork.Parse)).Select(r => r.ToString())];
}
