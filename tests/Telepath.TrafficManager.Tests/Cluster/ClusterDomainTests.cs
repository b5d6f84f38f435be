using Telepath.TrafficManager.Cluster;

namespace Telepath.TrafficManager.Tests.Cluster;

public sealed class ClusterDomainTests
{
    [Fact]
    public void The_domain_comes_from_the_svc_entry_of_a_pods_search_list()
    {
        const string resolvConf = "nameserver 10.96.0.10\nsearch shop.svc.corp.example svc.corp.example corp.example\noptions ndots:5\n";

        Assert.Equal("corp.example", ClusterDomain.FromResolvConf(resolvConf));
    }

    [Fact]
    public void Tabs_trailing_dots_and_upper_case_are_tolerated()
    {
        Assert.Equal("cluster.local", ClusterDomain.FromResolvConf("search\tdefault.svc.Cluster.Local.\tSVC.Cluster.Local.\r\n"));
    }

    [Theory]
    [InlineData("nameserver 192.168.1.1\nsearch home.arpa\n")]
    [InlineData("")]
    [InlineData("# search svc.commented.out\n")]
    public void Without_an_svc_entry_the_domain_is_cluster_local(string resolvConf)
    {
        Assert.Equal("cluster.local", ClusterDomain.FromResolvConf(resolvConf));
    }

    [Fact]
    public void A_missing_file_gives_the_default()
    {
        Assert.Equal("cluster.local", ClusterDomain.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "resolv.conf")));
    }
}
