using System.Net;
using Telepath.TrafficManager.Outbound;

namespace Telepath.TrafficManager.Tests.Outbound;

public sealed class OutboundPolicyTests
{
    private static readonly IPAddress PodIp = IPAddress.Parse("10.244.0.7");

    [Theory]
    [InlineData("127.0.0.1", "loopback addresses")]
    [InlineData("::1", "loopback addresses")]
    [InlineData("169.254.169.254", "link-local addresses")]
    [InlineData("fe80::1", "link-local addresses")]
    [InlineData("::ffff:169.254.169.254", "link-local addresses")]
    [InlineData("fd00:ec2::254", "the cloud's metadata service")]
    [InlineData("100.100.100.200", "the cloud's metadata service")]
    [InlineData("168.63.129.16", "the cloud's host agent (Azure WireServer)")]
    [InlineData("0.0.0.0", "unspecified addresses")]
    [InlineData("::", "unspecified addresses")]
    [InlineData("224.0.0.1", "multicast addresses")]
    [InlineData("ff02::1", "multicast addresses")]
    [InlineData("255.255.255.255", "the broadcast address")]
    public void Addresses_that_reach_no_cluster_service_are_refused_by_kind(string address, string kind)
    {
        var policy = new OutboundPolicy([], [PodIp]);

        Assert.StartsWith($"{kind} ", policy.Refusal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.244.0.7")]
    [InlineData("::ffff:10.244.0.7")]
    public void The_pods_own_address_is_refused(string address)
    {
        var policy = new OutboundPolicy([], [PodIp]);

        Assert.Equal(
            "10.244.0.7 is the manager pod's own address, not reachable through Telepath unless the manager's outbound allow-list names it",
            policy.Refusal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.244.0.8")]
    [InlineData("10.96.0.1")]
    [InlineData("fd00:10:96::1")]
    [InlineData("192.168.1.20")]
    public void Cluster_addresses_are_dialed(string address)
    {
        var policy = new OutboundPolicy([], [PodIp]);

        Assert.Null(policy.Refusal(IPAddress.Parse(address)));
    }

    [Fact]
    public void An_allowed_range_wins_over_every_refusal_inside_it_and_only_there()
    {
        var policy = new OutboundPolicy([IPNetwork.Parse("169.254.169.254/32"), IPNetwork.Parse("10.244.0.0/16")], [PodIp]);

        Assert.Null(policy.Refusal(IPAddress.Parse("169.254.169.254")));
        Assert.Null(policy.Refusal(PodIp));
        Assert.NotNull(policy.Refusal(IPAddress.Parse("169.254.169.253")));
        Assert.NotNull(policy.Refusal(IPAddress.Loopback));
    }

    [Fact]
    public void The_own_addresses_are_every_interfaces_and_the_pods()
    {
        var own = OwnAddresses.Find("10.244.0.7");

        Assert.Contains(IPAddress.Loopback, own);
        Assert.Contains(PodIp, own);
        Assert.Equal(own.Count - 1, OwnAddresses.Find(null).Count);
    }
}
