using System.Net;
using Telepath.Daemon.Outbound.RootHelper;

namespace Telepath.Daemon.Tests.Outbound.RootHelper;

public sealed class ProcNetRouteTests
{
    // As a laptop on Wi-Fi with a WireGuard VPN prints it (hex, little-endian).
    private const string Sample = """
        Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
        wlan0	00000000	0101A8C0	0003	0	0	600	00000000	0	0	0
        wlan0	0001A8C0	00000000	0001	0	0	600	00FFFFFF	0	0	0
        wg0	0000000A	00000000	0001	0	0	0	000000FF	0	0	0
        down0	0000640A	00000000	0000	0	0	0	0000FFFF	0	0	0
        """;

    [Fact]
    public void Parse_reads_destination_prefix_interface_and_gateway_of_routes_that_are_up()
    {
        var routes = ProcNetRoute.Parse(Sample);

        Assert.Equal(
            ["0.0.0.0/0 via 192.168.1.1 dev wlan0", "192.168.1.0/24 dev wlan0", "10.0.0.0/8 dev wg0"],
            routes.Select(route => route.ToString()));
    }

    [Fact]
    public void A_cluster_range_inside_or_around_a_route_conflicts_but_the_default_route_does_not()
    {
        var ranges = new[] { IPNetwork.Parse("10.96.0.0/12"), IPNetwork.Parse("172.20.0.0/16"), IPNetwork.Parse("192.168.0.0/16") };

        var conflicts = RouteConflicts.Find(ranges, ProcNetRoute.Parse(Sample));

        Assert.Equal(
            [new RouteConflict(IPNetwork.Parse("10.96.0.0/12"), "10.0.0.0/8 dev wg0"), new RouteConflict(IPNetwork.Parse("192.168.0.0/16"), "192.168.1.0/24 dev wlan0")],
            conflicts);
    }

    [Fact]
    public void Routes_of_telepaths_own_interfaces_are_not_conflicts()
    {
        var conflicts = RouteConflicts.Find([IPNetwork.Parse("10.96.0.0/12")], ProcNetRoute.Parse(Sample), new HashSet<string> { "wg0" });

        Assert.Empty(conflicts);
    }

    [RootFact]
    public async Task A_route_added_with_ip_route_is_found_in_proc_net_route()
    {
        await using var network = await NetNamespace.CreateAsync();
        await network.RouteAsync("10.0.0.0/8", "vpn0", "192.168.77.1/24");

        var table = (await network.ExecAsync("cat", ProcNetRoute.ProcPath)).Stdout;
        var conflicts = RouteConflicts.Find([IPNetwork.Parse("10.96.0.0/12"), IPNetwork.Parse("172.16.0.0/12")], ProcNetRoute.Parse(table));

        Assert.Equal([new RouteConflict(IPNetwork.Parse("10.96.0.0/12"), "10.0.0.0/8 dev vpn0")], conflicts);
    }
}
