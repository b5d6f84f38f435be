using Telepath.Network.Testing.Workloads;
using Telepath.Network.Tests.Infrastructure;
using Telepath.Testing.Polling;

namespace Telepath.Network.Tests.Outbound;

/// <summary>
/// Issue 6, point 2: where systemd-resolved is the laptop's resolver, the cluster's domains are wired in
/// as split DNS through its D-Bus API (a link of Telepath's own), resolv.conf is left alone, other names
/// never pass Telepath, and quit, a killed daemon and a killed helper all leave resolved as it was.
/// The real systemd-resolved runs in the laptop namespace on a private system bus.
/// </summary>
public sealed class ResolvedSplitDnsTests(ResolvedShopFixture shop) : IClassFixture<ResolvedShopFixture>
{
    private const string Hello = "hello from cluster\n";
    private const string Link = "telepath0";

    [SystemdResolvedFact]
    public async Task Cluster_names_resolve_through_resolved_and_other_names_go_past_telepath()
    {
        var before = await LaptopSnapshot.TakeAsync(shop.Topology);
        await using var laptop = new LaptopCli(shop.Topology, shop.Cluster.LaptopKubeconfig, shop.BusEnvironment);
        await laptop.MustRunAsync("connect", "-n", ShopWorkloads.Namespace);

        var link = await shop.Resolved.ResolvectlAsync("status", Link);
        var resolvConf = await File.ReadAllTextAsync(shop.Topology.ResolvConfPath);
        var full = await shop.OnLaptopAsync("dig", "+short", "@127.0.0.53", "orders.shop.svc.cluster.local");
        var curl = await shop.OnLaptopAsync("curl", "-sS", "--max-time", "20", "http://orders.shop/");
        var other = await shop.OnLaptopAsync("getent", "hosts", LaptopResolver.KnownName);

        // A short name: resolved applies the link's search domains to lookups through its API (nss-resolve), and
        // lists them in the stub-resolv.conf it keeps, which /etc/resolv.conf links to on a desktop; here the
        // laptop's file is a copy, so the test copies it as the link would show it, for glibc's own resolver.
        var query = await shop.Resolved.ResolvectlAsync("query", "orders");
        var stubWhileConnected = await shop.Resolved.ReadStubResolvConfAsync();
        await File.WriteAllTextAsync(shop.Topology.ResolvConfPath, stubWhileConnected);
        var shortName = await shop.OnLaptopAsync("getent", "hosts", "orders");
        await File.WriteAllTextAsync(shop.Topology.ResolvConfPath, resolvConf);
        var status = await laptop.MustRunAsync("status");

        Assert.Equal(shop.OrdersClusterIp + "\n", full.Stdout);
        Assert.True(curl.ExitCode == 0, curl.ToString());
        Assert.Equal(Hello, curl.Stdout);
        Assert.StartsWith(LaptopResolver.KnownAddress + " ", other.Stdout);
        Assert.Contains($"orders: {shop.OrdersClusterIp}", query.Stdout);
        Assert.Contains("search shop.svc.cluster.local svc.cluster.local cluster.local", stubWhileConnected);
        Assert.True(shortName.ExitCode == 0, $"{shortName}\n{stubWhileConnected}");
        Assert.StartsWith(shop.OrdersClusterIp + " ", shortName.Stdout);

        // Only the cluster's domains (~ = routing only) and no default route: other names never reach the link.
        Assert.Contains("-DefaultRoute", link.Stdout);
        Assert.Matches(@"DNS Domain: shop\.svc\.cluster\.local svc\.cluster\.local cluster\.local ~default\s+~kube-node-lease ~kube-public ~kube-system ~shop ~telepath\n", link.Stdout);
        Assert.Contains("127.0.0.153", link.Stdout);
        Assert.Contains("; through systemd-resolved, link telepath0", status.Stdout);
        Assert.Equal(ResolvedShopFixture.StubResolvConf, resolvConf);

        await laptop.MustRunAsync("quit");
        Assert.Equal(before, await LaptopSnapshot.TakeAsync(shop.Topology));
        Assert.DoesNotContain(Link, (await shop.Resolved.ResolvectlAsync("status")).Stdout);
        Assert.DoesNotContain("cluster.local", await shop.Resolved.ReadStubResolvConfAsync());
    }

    [SystemdResolvedFact]
    public async Task Offline_the_split_DNS_link_also_carries_telepaths_routes_and_quit_removes_both()
    {
        await shop.Topology.RemoveLaptopDefaultRouteAsync();
        try
        {
            var before = await LaptopSnapshot.TakeAsync(shop.Topology);
            await using var laptop = new LaptopCli(shop.Topology, shop.Cluster.LaptopKubeconfig, shop.BusEnvironment);
            await laptop.MustRunAsync("connect", "-n", ShopWorkloads.Namespace);

            var curl = await shop.OnLaptopAsync("curl", "-sS", "--max-time", "20", "http://orders.shop/");
            var links = (await shop.OnLaptopAsync("ls", "/sys/class/net")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var routes = (await shop.OnLaptopAsync("ip", "-4", "route", "show", "dev", Link)).Stdout;
            var status = await laptop.MustRunAsync("status");
            await laptop.MustRunAsync("quit");

            Assert.True(curl.ExitCode == 0, $"{curl}\n--- daemon.log (tail) ---\n{laptop.DaemonLogTail()}");
            Assert.Equal(Hello, curl.Stdout);
            Assert.Single(links, link => link.StartsWith("telepath", StringComparison.Ordinal));
            Assert.Contains("proto 84", routes);
            Assert.Contains("; through systemd-resolved, link telepath0", status.Stdout);
            Assert.Contains($"  Route     : ", status.Stdout);
            Assert.Equal(before, await LaptopSnapshot.TakeAsync(shop.Topology));
            Assert.DoesNotContain(Link, (await shop.Resolved.ResolvectlAsync("status")).Stdout);
        }
        finally
        {
            await shop.Topology.RestoreLaptopDefaultRouteAsync();
        }
    }

    [SystemdResolvedFact]
    public async Task A_killed_daemon_or_a_killed_helper_leaves_no_link_and_no_domain_in_resolved()
    {
        var before = await LaptopSnapshot.TakeAsync(shop.Topology);
        await using var laptop = new LaptopCli(shop.Topology, shop.Cluster.LaptopKubeconfig, shop.BusEnvironment);

        await laptop.MustRunAsync("connect", "-n", ShopWorkloads.Namespace);
        var connected = await shop.Resolved.ResolvectlAsync("status");
        await laptop.KillDaemonAsync();
        await Poll.UntilAsync(
            async () => !(await shop.Resolved.ResolvectlAsync("status")).Stdout.Contains(Link, StringComparison.Ordinal),
            () => "the helper removed the link once the killed daemon's socket closed");
        await laptop.MustRunAsync("quit");
        var afterDaemonKill = await LaptopSnapshot.TakeAsync(shop.Topology);

        // A helper killed outright cannot clean up: the kernel removes its link, and resolved forgets it.
        await laptop.MustRunAsync("connect", "-n", ShopWorkloads.Namespace);
        foreach (var helper in await HelperProcesses.InAsync(shop.Topology))
        {
            await ProcessRunner.RunAsync("kill", ["-KILL", helper.Split(':')[0]]);
        }

        await Poll.UntilAsync(
            async () => !(await shop.Resolved.ResolvectlAsync("status")).Stdout.Contains(Link, StringComparison.Ordinal),
            () => "the link went with the killed helper");
        var quit = await laptop.MustRunAsync("quit");

        Assert.Contains(Link, connected.Stdout);
        Assert.Equal(before, afterDaemonKill);
        var after = await LaptopSnapshot.TakeAsync(shop.Topology);
        Assert.True(before == after, $"the laptop is as before connect\nafter: {after}\nbefore: {before}\n{quit}\n--- network-helper.log (tail) ---\n{HelperLog.Tail()}");
    }
}
