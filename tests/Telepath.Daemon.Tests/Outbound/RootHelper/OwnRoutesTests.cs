using System.Text.RegularExpressions;
using Telepath.Daemon.Outbound.RootHelper;
using Telepath.Testing.Polling;
using Telepath.Testing.Processes;

namespace Telepath.Daemon.Tests.Outbound.RootHelper;

/// <summary>
/// Issue 11, point 6: the real helper in a namespace gives a redirected range that no route covers a route
/// of Telepath's own on its link, so connect() gets as far as the nftables redirect; a range that has a
/// route never gets one, and no route but Telepath's is ever touched.
/// </summary>
public sealed partial class OwnRoutesTests
{
    private const string Link = TelepathLink.DefaultName;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static HelperRequest Apply(string[] clusterRanges, string[]? neverRanges = null, int proxyPort = 15001) =>
        HelperRequest.Apply(clusterRanges, neverRanges ?? [], proxyPort, 15353, "127.0.0.153", ["svc.cluster.local"], ["cluster.local"]);

    [RootFact]
    public async Task A_range_no_route_covers_gets_a_route_of_telepaths_own_on_its_link()
    {
        await using var network = await NetNamespace.CreateAsync();
        await using var helper = await HelperInNamespace.StartAsync(network);
        await using var client = await helper.ConnectAsync();

        var reply = await client.ApplyAsync(Apply(["10.96.0.0/12", "10.244.0.0/16"], ["10.96.0.1/32"]), CancellationToken.None);

        Assert.True(reply.Ok, reply.Error);
        Assert.Equal(
            [new OwnRoute("10.96.0.0/12", Link, "no route covered 10.96.0.0/12"), new OwnRoute("10.244.0.0/16", Link, "no route covered 10.244.0.0/16")],
            reply.Routes!);
        Assert.Equal([$"10.96.0.0/12 dev {Link} proto 84 scope link", $"10.244.0.0/16 dev {Link} proto 84 scope link"], await network.OwnRoutesAsync());
        Assert.Contains($"inet {TelepathLink.Address}/32", (await network.ExecAsync("ip", "-4", "addr", "show", "dev", Link)).Stdout);
    }

    [RootFact]
    public async Task A_connection_to_a_range_only_telepaths_route_covers_reaches_the_redirect_and_a_deleted_route_comes_back()
    {
        await using var network = await NetNamespace.CreateAsync();
        await using var redirectTarget = ChildProcess.Start(
            "redirect target", "ip", ["netns", "exec", network.Name, "socat", "-d", "-d", "TCP-LISTEN:15001,bind=127.0.0.1,reuseaddr,fork", "SYSTEM:echo redirected"]);
        await redirectTarget.WaitForLineAsync(Listening(), Patience);
        await using var helper = await HelperInNamespace.StartAsync(network);
        await using var client = await helper.ConnectAsync();

        var applied = await client.ApplyAsync(Apply(["10.96.0.0/12"]), CancellationToken.None);
        var withRoute = await ConnectToClusterAddressAsync(network);
        await network.ExecAsync("ip", "route", "del", "10.96.0.0/12", "dev", Link);
        var withoutRoute = await ConnectToClusterAddressAsync(network);
        var again = await client.ApplyAsync(Apply(["10.96.0.0/12"]), CancellationToken.None);
        var restored = await ConnectToClusterAddressAsync(network);

        Assert.True(applied.Ok, applied.Error);
        Assert.True(withRoute.ExitCode == 0, withRoute.ToString());
        Assert.Equal("redirected\n", withRoute.Stdout);

        // The control: with the redirect in place but no route, connect() fails before nftables sees the connection.
        Assert.NotEqual(0, withoutRoute.ExitCode);
        Assert.Contains("Network is unreachable", withoutRoute.Stderr);
        Assert.Equal([new OwnRoute("10.96.0.0/12", Link, "no route covered 10.96.0.0/12")], again.Routes!);
        Assert.True(restored.ExitCode == 0, restored.ToString());
        Assert.Equal("redirected\n", restored.Stdout);
    }

    [RootFact]
    public async Task A_default_route_covers_every_range_so_no_route_and_no_link_is_added()
    {
        await using var network = await NetNamespace.CreateAsync();
        await network.RouteAsync("default");
        var before = await network.RoutesAndLinksAsync();
        await using var helper = await HelperInNamespace.StartAsync(network);
        await using var client = await helper.ConnectAsync();

        var reply = await client.ApplyAsync(Apply(["10.96.0.0/12", "10.244.0.0/16"]), CancellationToken.None);

        Assert.True(reply.Ok, reply.Error);
        Assert.Null(reply.Routes);
        Assert.Equal(before, await network.RoutesAndLinksAsync());
    }

    [RootFact]
    public async Task A_range_inside_a_route_gets_none_and_one_a_narrower_route_covers_in_part_gets_one()
    {
        await using var network = await NetNamespace.CreateAsync();
        await network.RouteAsync("10.0.0.0/8", "vpn0", "192.168.77.1/24");
        await network.ExecAsync("ip", "route", "add", "172.16.0.0/24", "dev", "vpn0");
        await network.ExecAsync("ip", "route", "add", "172.16.1.0/24", "dev", "vpn0");
        var vpnRoutes = (await network.ExecAsync("ip", "-4", "route", "show", "dev", "vpn0")).Stdout;
        await using var helper = await HelperInNamespace.StartAsync(network);
        await using var client = await helper.ConnectAsync();

        var reply = await client.ApplyAsync(Apply(["10.96.0.0/12", "172.16.0.0/16", "172.16.0.0/23"]), CancellationToken.None);

        Assert.True(reply.Ok, reply.Error);
        Assert.Equal([new OwnRoute("172.16.0.0/16", Link, "no route covered 172.16.2.0 in 172.16.0.0/16")], reply.Routes!);
        Assert.Equal([$"172.16.0.0/16 dev {Link} proto 84 scope link"], await network.OwnRoutesAsync());
        Assert.Equal(vpnRoutes, (await network.ExecAsync("ip", "-4", "route", "show", "dev", "vpn0")).Stdout);
    }

    [RootFact]
    public async Task A_range_someone_made_unreachable_on_purpose_gets_no_route()
    {
        await using var network = await NetNamespace.CreateAsync();
        await network.ExecAsync("ip", "route", "add", "unreachable", "10.96.0.0/12");
        await network.ExecAsync("ip", "route", "add", "prohibit", "10.244.0.0/16");
        var before = await network.RoutesAndLinksAsync();
        await using var helper = await HelperInNamespace.StartAsync(network);
        await using var client = await helper.ConnectAsync();

        var reply = await client.ApplyAsync(Apply(["10.96.0.0/12", "10.244.0.0/16"]), CancellationToken.None);

        Assert.True(reply.Ok, reply.Error);
        Assert.Null(reply.Routes);
        Assert.Equal(before, await network.RoutesAndLinksAsync());
    }

    [RootFact]
    public async Task A_range_a_never_range_holds_is_never_routed()
    {
        await using var network = await NetNamespace.CreateAsync();
        await using var helper = await HelperInNamespace.StartAsync(network);
        await using var client = await helper.ConnectAsync();

        var reply = await client.ApplyAsync(Apply(["10.96.0.0/12", "10.50.0.0/16"], ["10.50.0.0/16", "10.96.0.1/32"]), CancellationToken.None);

        Assert.True(reply.Ok, reply.Error);
        Assert.Equal(["10.96.0.0/12"], reply.Routes!.Select(route => route.Cidr));
        Assert.Equal([$"10.96.0.0/12 dev {Link} proto 84 scope link"], await network.OwnRoutesAsync());
    }

    [RootFact]
    public async Task Applying_other_ranges_moves_the_routes_and_a_range_still_redirected_keeps_its_own()
    {
        await using var network = await NetNamespace.CreateAsync();
        await using var helper = await HelperInNamespace.StartAsync(network);
        await using var client = await helper.ConnectAsync();
        await client.ApplyAsync(Apply(["10.96.0.0/12", "10.244.0.0/16"]), CancellationToken.None);

        var reply = await client.ApplyAsync(Apply(["10.244.0.0/16", "10.32.0.0/16"]), CancellationToken.None);

        Assert.True(reply.Ok, reply.Error);
        Assert.Equal(["10.244.0.0/16", "10.32.0.0/16"], reply.Routes!.Select(route => route.Cidr));
        Assert.Equal([$"10.32.0.0/16 dev {Link} proto 84 scope link", $"10.244.0.0/16 dev {Link} proto 84 scope link"], await network.OwnRoutesAsync());
    }

    [RootFact]
    public async Task Once_no_range_needs_a_route_the_link_goes_too()
    {
        await using var network = await NetNamespace.CreateAsync();
        var before = await network.RoutesAndLinksAsync();
        await using var helper = await HelperInNamespace.StartAsync(network);
        await using var client = await helper.ConnectAsync();
        await client.ApplyAsync(Apply(["10.96.0.0/12"]), CancellationToken.None);

        var reply = await client.ApplyAsync(Apply(["10.96.0.0/12"], ["10.96.0.0/12"]), CancellationToken.None);

        Assert.True(reply.Ok, reply.Error);
        Assert.Null(reply.Routes);
        Assert.Equal(before, await network.RoutesAndLinksAsync());
    }

    [RootFact]
    public async Task Remove_and_a_killed_daemon_take_the_routes_and_the_link_away()
    {
        await using var network = await NetNamespace.CreateAsync();
        var before = await network.RoutesAndLinksAsync();
        await using var helper = await HelperInNamespace.StartAsync(network);
        await using var client = await helper.ConnectAsync();
        await client.ApplyAsync(Apply(["10.96.0.0/12"]), CancellationToken.None);
        var applied = await network.RoutesAndLinksAsync();

        await client.RemoveAsync(CancellationToken.None);
        var removed = await network.RoutesAndLinksAsync();
        await client.ApplyAsync(Apply(["10.96.0.0/12"]), CancellationToken.None);
        await client.DisposeAsync();
        await Poll.UntilAsync(() => Task.FromResult(helper.HasExited), () => "the helper still runs after its session closed");

        Assert.Contains(Link, applied);
        Assert.Equal(before, removed);
        Assert.Equal(before, await network.RoutesAndLinksAsync());
    }

    [RootFact]
    public async Task A_killed_helper_leaves_neither_its_link_nor_its_routes()
    {
        await using var network = await NetNamespace.CreateAsync();
        var before = await network.RoutesAndLinksAsync();
        var helper = await HelperInNamespace.StartAsync(network);
        await using var client = await helper.ConnectAsync();
        await client.ApplyAsync(Apply(["10.96.0.0/12"]), CancellationToken.None);
        var applied = await network.OwnRoutesAsync();

        // SIGKILL: no cleanup of its own; the kernel removes the link it held open, and the link's routes with it.
        await helper.DisposeAsync();

        Assert.Single(applied);
        Assert.Equal(before, await network.RoutesAndLinksAsync());
    }

    private static Task<ProcessResult> ConnectToClusterAddressAsync(NetNamespace network) =>
        network.TryExecAsync("socat", "-T", "5", "-u", "TCP:10.96.0.10:80", "STDOUT");

    [GeneratedRegex("listening on")]
    private static partial Regex Listening();
}
