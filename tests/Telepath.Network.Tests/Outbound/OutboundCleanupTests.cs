using Telepath.Network.Testing.Workloads;
using Telepath.Network.Tests.Infrastructure;

namespace Telepath.Network.Tests.Outbound;

/// <summary>
/// Issue 6: what connect changes on the laptop (nftables, resolv.conf, routes) is put back exactly
/// by quit, also after the daemon was killed; bad input changes nothing; SOCKS mode needs no rules.
/// Each test has its own laptop; they share the cluster and run one after another.
/// </summary>
[Collection(ResolvingShopCollection.Name)]
public sealed class OutboundCleanupTests(ResolvingShopFixture shop)
{
    private const string Hello = "hello from cluster\n";

    [NetnsFact]
    public async Task Quit_leaves_the_ruleset_the_resolver_configuration_and_the_routes_as_they_were_before_connect()
    {
        var before = await LaptopSnapshot.TakeAsync(shop.Topology);
        await using var laptop = new LaptopCli(shop.Topology, shop.Cluster.LaptopKubeconfig);
        await laptop.MustRunAsync("connect", "-n", ShopWorkloads.Namespace);
        var connected = await shop.OnLaptopAsync("curl", "-sS", "--max-time", "20", "http://orders/");

        await laptop.MustRunAsync("quit");

        Assert.Equal(Hello, connected.Stdout);
        Assert.Equal(before, await LaptopSnapshot.TakeAsync(shop.Topology));
    }

    [NetnsFact]
    public async Task Quit_after_the_daemon_was_killed_removes_what_it_left_behind()
    {
        var before = await LaptopSnapshot.TakeAsync(shop.Topology);
        await using var laptop = new LaptopCli(shop.Topology, shop.Cluster.LaptopKubeconfig);
        await laptop.MustRunAsync("connect", "-n", ShopWorkloads.Namespace);
        var connected = await LaptopSnapshot.TakeAsync(shop.Topology);

        await laptop.KillDaemonAsync();
        var quit = await laptop.RunAsync("quit");

        // The control: connect did change the laptop, so the equality below is the cleanup's doing.
        Assert.NotEqual(before, connected);
        Assert.True(quit.ExitCode == 0, quit.ToString());
        Assert.Equal(before, await LaptopSnapshot.TakeAsync(shop.Topology));
    }

    [NetnsFact]
    public async Task In_SOCKS_mode_curl_reaches_a_Service_by_name_through_the_proxy()
    {
        var before = await LaptopSnapshot.TakeAsync(shop.Topology);
        await using var laptop = new LaptopCli(shop.Topology, shop.Cluster.LaptopKubeconfig);
        await laptop.MustRunAsync("connect", "--proxy=socks", "-n", ShopWorkloads.Namespace);

        var curl = await shop.OnLaptopAsync("curl", "-sS", "--max-time", "20", "--socks5-hostname", "127.0.0.1:1080", "http://orders.shop/");
        var status = await laptop.MustRunAsync("status");
        var during = await LaptopSnapshot.TakeAsync(shop.Topology);

        Assert.True(curl.ExitCode == 0, curl.ToString());
        Assert.Equal(Hello, curl.Stdout);
        Assert.Contains("  Proxy     : SOCKS5 127.0.0.1:1080 (set ALL_PROXY=socks5h://127.0.0.1:1080)\n", status.Stdout);
        Assert.Equal(before, during);
    }

    [NetnsFact]
    public async Task Never_proxy_covering_the_API_servers_address_fails_with_one_line_and_changes_nothing()
    {
        var before = await LaptopSnapshot.TakeAsync(shop.Topology);
        await using var laptop = new LaptopCli(shop.Topology, shop.Cluster.LaptopKubeconfig);

        var connect = await laptop.RunAsync("connect", "-n", ShopWorkloads.Namespace, "--never-proxy", shop.Topology.LaptopLink);
        var status = await laptop.RunAsync("status");

        Assert.Equal(1, connect.ExitCode);
        Assert.Single(connect.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(shop.Topology.LaptopLink, connect.Stderr);
        Assert.Matches(NotConnectedStatus.Pattern(), status.Stdout);
        Assert.Equal(before, await LaptopSnapshot.TakeAsync(shop.Topology));
    }

    [NetnsFact]
    public async Task Also_proxy_with_something_that_is_not_a_CIDR_fails_with_one_line_and_changes_nothing()
    {
        var before = await LaptopSnapshot.TakeAsync(shop.Topology);
        await using var laptop = new LaptopCli(shop.Topology, shop.Cluster.LaptopKubeconfig);

        var connect = await laptop.RunAsync("connect", "-n", ShopWorkloads.Namespace, "--also-proxy", "not-a-cidr");
        var status = await laptop.RunAsync("status");

        Assert.Equal(1, connect.ExitCode);
        Assert.Single(connect.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("not-a-cidr", connect.Stderr);
        Assert.Matches(NotConnectedStatus.Pattern(), status.Stdout);
        Assert.Equal(before, await LaptopSnapshot.TakeAsync(shop.Topology));
    }
}
