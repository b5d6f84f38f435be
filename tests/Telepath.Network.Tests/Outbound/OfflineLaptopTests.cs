using System.Text.Json.Nodes;
using Telepath.Network.Testing.Workloads;
using Telepath.Network.Tests.Infrastructure;

namespace Telepath.Network.Tests.Outbound;

/// <summary>
/// Issue 11, point 6: a laptop with no route that covers the cluster's ranges (no default route: offline on a
/// train, the cluster local) still reaches Services while connected, because Telepath routes the ranges on a
/// link of its own; quit and a killed daemon take that route and the link away. Each test has its own laptop
/// and puts the default route back.
/// </summary>
[Collection(ResolvingShopCollection.Name)]
public sealed class OfflineLaptopTests(ResolvingShopFixture shop)
{
    private const string Hello = "hello from cluster\n";
    private const string Link = "telepath0";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [NetnsFact]
    public async Task Without_a_default_route_curl_reaches_a_Service_by_ClusterIP_and_by_name_and_quit_removes_the_route_and_the_link()
    {
        await shop.Topology.RemoveLaptopDefaultRouteAsync();
        try
        {
            var before = await LaptopSnapshot.TakeAsync(shop.Topology);
            var unconnected = await shop.OnLaptopAsync("curl", "-sS", "-v", "--max-time", "20", $"http://{shop.OrdersClusterIp}/");
            await using var laptop = new LaptopCli(shop.Topology, shop.Cluster.LaptopKubeconfig);
            await laptop.MustRunAsync("connect", "-n", ShopWorkloads.Namespace);

            var byAddress = await CurlAsync($"http://{shop.OrdersClusterIp}/");
            var byName = await CurlAsync("http://orders.shop/");
            var status = await laptop.MustRunAsync("status");
            var json = JsonNode.Parse((await laptop.MustRunAsync("status", "--output", "json")).Stdout)!;
            var routes = await OwnRoutesAsync();
            await laptop.MustRunAsync("quit");

            // The control: without Telepath, the laptop has no way to the ClusterIP at all.
            Assert.Contains("Network is unreachable", unconnected.Stderr);
            Assert.True(byAddress.ExitCode == 0, Explain(byAddress, laptop));
            Assert.Equal(Hello, byAddress.Stdout);
            Assert.True(byName.ExitCode == 0, Explain(byName, laptop));
            Assert.Equal(Hello, byName.Stdout);

            var ranges = json["proxyRanges"]!.AsArray().Select(range => range!["cidr"]!.GetValue<string>()).ToList();
            var added = json["addedRoutes"]!.AsArray();
            Assert.Equal(ranges, added.Select(route => route!["cidr"]!.GetValue<string>()));
            Assert.All(added, route => Assert.Equal(Link, route!["device"]!.GetValue<string>()));
            Assert.All(added, route => Assert.Equal($"no route covered {route!["cidr"]!.GetValue<string>()}", route["reason"]!.GetValue<string>()));
            Assert.Equal(ranges.Select(range => $"{range} dev {Link} proto 84 scope link").Order(StringComparer.Ordinal), routes.Order(StringComparer.Ordinal));
            Assert.Contains($"  Route     : {ranges[0]} dev {Link} (no route covered {ranges[0]}; Telepath's own, removed on quit)\n", status.Stdout);
            Assert.DoesNotContain("Conflict", status.Stdout);
            Assert.Equal(before, await LaptopSnapshot.TakeAsync(shop.Topology));
        }
        finally
        {
            await shop.Topology.RestoreLaptopDefaultRouteAsync();
        }
    }

    [NetnsFact]
    public async Task Without_a_default_route_a_killed_daemon_leaves_neither_the_route_nor_the_link()
    {
        await shop.Topology.RemoveLaptopDefaultRouteAsync();
        try
        {
            var before = await LaptopSnapshot.TakeAsync(shop.Topology);
            await using var laptop = new LaptopCli(shop.Topology, shop.Cluster.LaptopKubeconfig);
            await laptop.MustRunAsync("connect", "-n", ShopWorkloads.Namespace);
            var connected = await OwnRoutesAsync();

            await laptop.KillDaemonAsync();

            // The helper's own cleanup, at the end of its session: no quit has run yet.
            await Poll.UntilAsync(
                async () => (await OwnRoutesAsync()).Count == 0 && !(await LinksAsync()).Contains(Link, StringComparison.Ordinal),
                () => $"the helper removed its routes and its link once the killed daemon's socket closed\n{laptop.DaemonLogTail()}");
            await laptop.MustRunAsync("quit");

            Assert.NotEmpty(connected);
            Assert.Equal(before, await LaptopSnapshot.TakeAsync(shop.Topology));
        }
        finally
        {
            await shop.Topology.RestoreLaptopDefaultRouteAsync();
        }
    }

    [NetnsFact]
    public async Task When_the_default_route_goes_while_connected_the_ranges_get_a_route_and_Services_stay_reachable()
    {
        var before = await LaptopSnapshot.TakeAsync(shop.Topology);
        await using var laptop = new LaptopCli(shop.Topology, shop.Cluster.LaptopKubeconfig);
        await laptop.MustRunAsync("connect", "-n", ShopWorkloads.Namespace);
        var online = await OwnRoutesAsync();
        try
        {
            await shop.Topology.RemoveLaptopDefaultRouteAsync();
            await Poll.UntilAsync(
                async () => (await laptop.MustRunAsync("status")).Stdout.Contains($"  Route     : ", StringComparison.Ordinal),
                () => $"status shows Telepath's route once the default route is gone\n{laptop.DaemonLogTail()}");

            var offline = await CurlAsync($"http://{shop.OrdersClusterIp}/");

            Assert.Empty(online);
            Assert.True(offline.ExitCode == 0, Explain(offline, laptop));
            Assert.Equal(Hello, offline.Stdout);
            Assert.NotEmpty(await OwnRoutesAsync());
        }
        finally
        {
            await shop.Topology.RestoreLaptopDefaultRouteAsync();
        }

        await laptop.MustRunAsync("quit");
        Assert.Equal(before, await LaptopSnapshot.TakeAsync(shop.Topology));
    }

    private Task<ProcessResult> CurlAsync(string url) => shop.OnLaptopAsync("curl", "-sS", "--max-time", "20", url);

    // Telepath's routes, as `ip route` prints them; filtered here rather than by `ip route show proto`, which leaves the proto out.
    private async Task<IReadOnlyList<string>> OwnRoutesAsync() =>
        [.. (await shop.OnLaptopAsync("ip", "-4", "route", "show", "table", "all")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(route => route.Contains(" proto 84 ", StringComparison.Ordinal) || route.EndsWith(" proto 84", StringComparison.Ordinal))];

    private async Task<string> LinksAsync() => (await shop.OnLaptopAsync("ls", "/sys/class/net")).Stdout;

    private static string Explain(ProcessResult result, LaptopCli laptop) => $"{result}\n--- daemon.log (tail) ---\n{laptop.DaemonLogTail()}";
}
