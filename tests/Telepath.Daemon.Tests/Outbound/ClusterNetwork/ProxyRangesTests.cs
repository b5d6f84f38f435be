using System.Net;
using Telepath.Daemon.Outbound.ClusterNetwork;
using Telepath.Protocol.Manager;
using Kind = Telepath.Protocol.Manager.ClusterInfo.Types.Range.Types.Kind;
using Origin = Telepath.Protocol.Manager.ClusterInfo.Types.Range.Types.Origin;

namespace Telepath.Daemon.Tests.Outbound.ClusterNetwork;

public sealed class ProxyRangesTests
{
    [Fact]
    public void The_clusters_ranges_and_also_proxy_are_redirected_and_never_proxy_is_left_alone()
    {
        var cluster = new ClusterInfo { HasView = true, ServiceCidrs = { "10.96.0.0/12" }, PodCidrs = { "10.244.0.0/16" } };

        var ranges = ProxyRanges.From(cluster, ["10.50.0.0/16"], ["10.96.5.0/24"], [IPAddress.Parse("192.168.1.2")], ProxyRanges.ApiServer);

        Assert.Equal(
            ["10.96.0.0/12 services", "10.244.0.0/16 pods", "10.50.0.0/16 --also-proxy"],
            ranges.Proxied.Select(r => $"{r.Cidr} {r.Source}"));
        Assert.Equal(["10.96.5.0/24 --never-proxy"], ranges.Never.Select(r => $"{r.Cidr} {r.Source}"));
    }

    [Fact]
    public void An_api_server_inside_a_cluster_range_is_never_proxied_or_the_daemon_would_loop()
    {
        var cluster = new ClusterInfo { HasView = true, ServiceCidrs = { "10.96.0.0/12" } };

        var ranges = ProxyRanges.From(cluster, [], [], [IPAddress.Parse("10.96.0.1"), IPAddress.Parse("::1")], ProxyRanges.ApiServer);

        Assert.Equal(["10.96.0.1/32 API server"], ranges.Never.Select(r => $"{r.Cidr} {r.Source}"));
    }

    [Fact]
    public void Repeated_and_unparsable_ranges_are_not_redirected()
    {
        var cluster = new ClusterInfo { HasView = true, ServiceCidrs = { "10.96.0.0/12", "nonsense" }, PodCidrs = { "10.96.0.0/12", "fd00::/64" } };

        var ranges = ProxyRanges.From(cluster, [], [], [], ProxyRanges.ApiServer);

        Assert.Equal(["10.96.0.0/12"], ranges.Proxied.Select(r => r.Cidr));
    }

    [Fact]
    public void Each_cluster_range_says_how_the_manager_learned_it_and_IPv6_ones_are_not_redirected()
    {
        var cluster = new ClusterInfo
        {
            HasView = true,
            ServiceCidrs = { "10.96.0.0/12" },
            Ranges =
            {
                Range("10.96.0.0/12", Kind.Services, Origin.ServiceCidr, "kubernetes"),
                Range("fd00:10:96::/108", Kind.Services, Origin.ServiceCidr, "kubernetes"),
                Range("10.43.0.0/16", Kind.Services, Origin.ApiServer),
                Range("172.20.0.0/16", Kind.Services, Origin.Guessed),
                Range("10.244.0.0/23", Kind.Pods, Origin.NodePodCidrs),
                Range("192.168.0.0/16", Kind.Pods, Origin.Guessed),
            },
        };

        var ranges = ProxyRanges.From(cluster, [], [], [], ProxyRanges.ApiServer);

        Assert.Equal(
            [
                "10.96.0.0/12 services: ServiceCIDR kubernetes",
                "10.43.0.0/16 services: API server",
                "172.20.0.0/16 services: guessed from cluster IPs",
                "10.244.0.0/23 pods: node podCIDRs",
                "192.168.0.0/16 pods: guessed from pod addresses",
            ],
            ranges.Proxied.Select(r => $"{r.Cidr} {r.Source}"));
    }

    [Fact]
    public void An_origin_this_daemon_does_not_know_and_a_name_that_is_no_name_are_shown_harmlessly()
    {
        var cluster = new ClusterInfo
        {
            HasView = true,
            Ranges =
            {
                Range("10.96.0.0/12", Kind.Services, (Origin)42),
                Range("10.100.0.0/16", Kind.Services, Origin.ServiceCidr, "evil\u001b[31m"),
            },
        };

        var ranges = ProxyRanges.From(cluster, [], [], [], ProxyRanges.ApiServer);

        Assert.Equal(["10.96.0.0/12 services", "10.100.0.0/16 services: ServiceCIDR (unnamed)"], ranges.Proxied.Select(r => $"{r.Cidr} {r.Source}"));
    }

    [Fact]
    public void A_cluster_range_the_helper_would_refuse_is_left_out_and_the_others_stay()
    {
        var cluster = new ClusterInfo { HasView = true, ServiceCidrs = { "10.96.0.0/12", "0.0.0.0/0" }, PodCidrs = { "127.0.0.0/16", "10.244.0.0/16" } };

        var ranges = ProxyRanges.From(cluster, [], [], [], ProxyRanges.ApiServer);

        Assert.Equal(["10.96.0.0/12", "10.244.0.0/16"], ranges.Proxied.Select(r => r.Cidr));
    }

    [Fact]
    public void A_cluster_range_of_the_new_kind_the_helper_would_refuse_is_left_out_too()
    {
        var cluster = new ClusterInfo { HasView = true, Ranges = { Range("10.96.0.0/12", Kind.Services, Origin.ServiceCidr, "kubernetes"), Range("127.0.0.0/16", Kind.Pods, Origin.NodePodCidrs) } };

        var ranges = ProxyRanges.From(cluster, [], [], [], ProxyRanges.ApiServer);

        Assert.Equal(["10.96.0.0/12"], ranges.Proxied.Select(r => r.Cidr));
    }

    private static ClusterInfo.Types.Range Range(string cidr, Kind kind, Origin origin, string name = "") =>
        new() { Cidr = cidr, Kind = kind, Origin = origin, Name = name };
}
