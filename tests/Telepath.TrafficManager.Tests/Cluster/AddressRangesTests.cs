using System.Net;
using Telepath.TrafficManager.Cluster;

namespace Telepath.TrafficManager.Tests.Cluster;

public sealed class AddressRangesTests
{
    [Fact]
    public void Addresses_close_together_are_widened_to_a_16_so_later_services_fall_inside()
    {
        Assert.Equal(["10.96.0.0/16"], Cover("10.96.0.1", "10.96.0.10", "10.96.3.7"));
    }

    [Fact]
    public void A_range_wider_than_a_16_is_the_smallest_prefix_covering_every_address()
    {
        Assert.Equal(["10.96.0.0/12"], Cover("10.96.0.1", "10.108.200.3"));
    }

    [Fact]
    public void Addresses_in_different_8s_get_a_range_each()
    {
        Assert.Equal(["10.43.0.0/16", "172.20.0.0/16"], Cover("172.20.1.1", "10.43.0.10", "10.43.9.1"));
    }

    [Fact]
    public void Loopback_link_local_and_this_network_are_never_published()
    {
        Assert.Equal(["10.0.0.0/16"], Cover("127.0.10.1", "169.254.1.1", "0.1.2.3", "10.0.0.1"));
    }

    [Fact]
    public void A_range_that_would_swallow_link_local_falls_back_to_16s()
    {
        Assert.Equal(["169.253.0.0/16", "169.255.0.0/16"], Cover("169.253.0.1", "169.255.0.1"));
    }

    [Fact]
    public void IPv6_addresses_and_no_addresses_give_no_range()
    {
        Assert.Empty(Cover("fd00::1"));
        Assert.Empty(Cover());
    }

    [Fact]
    public void The_widest_range_within_one_8_is_the_8()
    {
        Assert.Equal(["10.0.0.0/8"], Cover("10.0.0.1", "10.255.0.1"));
    }

    private static IReadOnlyList<string> Cover(params string[] addresses) => AddressRanges.Cover(addresses.Select(IPAddress.Parse));
}
