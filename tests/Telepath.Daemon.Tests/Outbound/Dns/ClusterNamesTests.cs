using Telepath.Daemon.Outbound.Dns;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Tests.Outbound.Dns;

public sealed class ClusterNamesTests
{
    private static readonly ClusterNames Names = ClusterNames.From(TestCluster.Info(), "shop");

    [Theory]
    [InlineData("orders", "orders.shop.svc.cluster.local")]
    [InlineData("orders.shop", "orders.shop.svc.cluster.local")]
    [InlineData("unknown.shop", "unknown.shop.svc.cluster.local")]
    [InlineData("web-0.web.shop", "web-0.web.shop.svc.cluster.local")]
    [InlineData("orders.shop.svc", "orders.shop.svc.cluster.local")]
    [InlineData("10-1-0-9.default.pod", "10-1-0-9.default.pod.cluster.local")]
    [InlineData("anything.cluster.local", "anything.cluster.local")]
    [InlineData("cluster.local", "cluster.local")]
    public void These_names_are_the_clusters(string name, string fullName)
    {
        Assert.Equal(fullName, Names.Classify(name).FullName);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("printer")]
    [InlineData("api")]
    [InlineData("example.com")]
    [InlineData("orders.shop.example.com")]
    [InlineData("svc.shop.example")]
    [InlineData("cluster.local.example.com")]
    [InlineData("")]
    public void These_names_are_not(string name)
    {
        Assert.False(Names.Classify(name).IsCluster);
    }

    [Fact]
    public void Names_above_the_records_exist_without_addresses_and_unknown_ones_are_left_to_the_lookup()
    {
        Assert.Equal([], Names.Classify("shop.svc.cluster.local").Known);
        Assert.Equal([], Names.Classify("svc.cluster.local").Known);
        Assert.Null(Names.Classify("elsewhere.svc.cluster.local").Known);
        Assert.Null(Names.Classify("unknown.shop").Known);
    }

    [Fact]
    public void Status_shows_the_domains_and_the_search_list_of_the_connected_namespace()
    {
        Assert.Equal(["cluster.local", "default", "shop"], Names.DnsDomains);
        Assert.Equal(["shop.svc.cluster.local", "svc.cluster.local", "cluster.local"], Names.SearchList);
    }

    [Fact]
    public void Without_a_view_no_name_is_the_clusters()
    {
        var names = ClusterNames.From(new ClusterInfo { HasView = false, ClusterDomain = "cluster.local" }, "shop");

        Assert.False(names.Classify("orders.shop.svc.cluster.local").IsCluster);
        Assert.Empty(names.DnsDomains);
        Assert.Empty(names.SearchList);
    }
}
