using System.Globalization;
using System.Text.RegularExpressions;
using Telepath.Network.Testing.Workloads;
using Telepath.Network.Tests.Infrastructure;

namespace Telepath.Network.Tests.Outbound;

/// <summary>Issue 6, routing: --never-proxy takes a range out of Telepath's hands, and a range a laptop route already covers is reported.</summary>
[Collection(ResolvingShopCollection.Name)]
public sealed partial class ProxyRangeTests(ResolvingShopFixture shop)
{
    private const string Hello = "hello from cluster\n";

    // A VPN's interface, as far as the laptop's routing table can tell.
    private const string Vpn = "tpvpn0";
    private const string VpnPeer = "tpvpn1";

    [NetnsFact]
    public async Task Never_proxy_of_the_pod_network_leaves_Pod_IPs_unreached_while_the_Service_name_still_works()
    {
        await using var laptop = new LaptopCli(shop.Topology, shop.Cluster.LaptopKubeconfig);
        await laptop.MustRunAsync("connect", "-n", ShopWorkloads.Namespace, "--never-proxy", NetworkTopology.PodNetwork);

        var pod = await CurlAsync("--max-time", "5", $"http://{shop.OrdersPodIp}:{ShopWorkloads.AppPort.ToString(CultureInfo.InvariantCulture)}/");
        var service = await CurlAsync("--max-time", "20", "http://orders.shop/");
        var status = await laptop.MustRunAsync("status");

        Assert.True(pod.ExitCode != 0, pod.ToString());
        Assert.True(service.ExitCode == 0, $"{service}\n--- daemon.log (tail) ---\n{laptop.DaemonLogTail()}");
        Assert.Equal(Hello, service.Stdout);
        Assert.Matches(NeverLine(), status.Stdout);
    }

    [NetnsFact]
    public async Task A_laptop_route_covering_the_service_range_is_warned_about_by_connect_and_shown_by_status()
    {
        // A veth pair, not a dummy link: the dummy module may be missing where the tests run.
        await MustOnLaptopAsync("ip", "link", "add", Vpn, "type", "veth", "peer", "name", VpnPeer);
        try
        {
            // No IPv6: its link-local routes appear some time after the link is up and would differ between the snapshots.
            await MustOnLaptopAsync("sysctl", "-qw", $"net.ipv6.conf.{Vpn}.disable_ipv6=1", $"net.ipv6.conf.{VpnPeer}.disable_ipv6=1");
            await MustOnLaptopAsync("ip", "link", "set", VpnPeer, "up");
            await MustOnLaptopAsync("ip", "link", "set", Vpn, "up");
            await MustOnLaptopAsync("ip", "route", "add", NetworkTopology.ServiceNetwork, "dev", Vpn);
            var before = await LaptopSnapshot.TakeAsync(shop.Topology);
            await using var laptop = new LaptopCli(shop.Topology, shop.Cluster.LaptopKubeconfig);

            var connect = await laptop.MustRunAsync("connect", "-n", ShopWorkloads.Namespace);
            var status = await laptop.MustRunAsync("status");
            await laptop.MustRunAsync("quit");

            Assert.Matches(WarningLine(), connect.Stdout + connect.Stderr);
            Assert.Matches(ConflictLine(), status.Stdout);
            Assert.Equal(before, await LaptopSnapshot.TakeAsync(shop.Topology));
        }
        finally
        {
            await shop.OnLaptopAsync("ip", "link", "del", Vpn);
        }
    }

    private Task<ProcessResult> CurlAsync(params string[] arguments) => shop.OnLaptopAsync(["curl", "-sS", .. arguments]);

    private Task<ProcessResult> MustOnLaptopAsync(params string[] arguments) => NetworkTopology.MustExecAsync(shop.Topology.Names.Laptop, arguments);

    [GeneratedRegex(@"(?m)^  Never     : 10\.244\.0\.0/16\b")]
    private static partial Regex NeverLine();

    [GeneratedRegex(@"(?m)^Warning: 10\.\S+ overlaps the route .*tpvpn0")]
    private static partial Regex WarningLine();

    [GeneratedRegex(@"(?m)^  Conflict  : 10\.\S+ overlaps the route .*tpvpn0")]
    private static partial Regex ConflictLine();
}
