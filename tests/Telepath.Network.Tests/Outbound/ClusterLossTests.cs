using System.Text.RegularExpressions;
using Telepath.Network.Testing.Workloads;
using Telepath.Network.Tests.Infrastructure;

namespace Telepath.Network.Tests.Outbound;

/// <summary>
/// Issue 6, loss of the cluster: when the cluster goes away while connected, the daemon takes its
/// rules and resolver block down after its grace, the laptop's own network works, and quit puts
/// back the rest. The cluster does not come back, so this class has a topology of its own.
/// </summary>
public sealed partial class ClusterLossTests(ResolvingShopFixture shop) : IClassFixture<ResolvingShopFixture>
{
    // TransparentNetworking.OutageGrace (15 s), plus the time to notice the loss and undo the rules.
    private static readonly TimeSpan GraceAndMargin = TimeSpan.FromSeconds(15 + 45);

    [NetnsFact]
    public async Task When_the_cluster_goes_away_the_rules_and_resolver_block_go_while_the_daemon_stays_and_quit_restores_the_rest()
    {
        var before = await LaptopSnapshot.TakeAsync(shop.Topology);
        await using var laptop = new LaptopCli(shop.Topology, shop.Cluster.LaptopKubeconfig);
        await laptop.MustRunAsync("connect", "-n", ShopWorkloads.Namespace);
        var connected = await LaptopSnapshot.TakeAsync(shop.Topology);

        await shop.Cluster.StopAsync();
        LaptopSnapshot? now = null;
        await Poll.UntilAsync(
            async () => (now = await LaptopSnapshot.TakeAsync(shop.Topology)) is var s && s.Ruleset == before.Ruleset && s.ResolvConf == before.ResolvConf,
            () => $"the ruleset and resolv.conf are back\nnow: {now}\nbefore: {before}\n--- daemon.log (tail) ---\n{laptop.DaemonLogTail()}");
        var daemon = laptop.DaemonPid;
        var status = await laptop.RunAsync("status");
        var outside = await shop.OnLaptopAsync("getent", "hosts", LaptopResolver.KnownName);
        var quit = await laptop.RunAsync("quit");

        // The control: connect did change both, so their return is the daemon's doing.
        Assert.NotEqual(before.Ruleset, connected.Ruleset);
        Assert.NotEqual(before.ResolvConf, connected.ResolvConf);
        Assert.NotNull(daemon);
        Assert.Matches(ProxyOffWithReason(), status.Stdout);
        Assert.True(outside.ExitCode == 0, outside.ToString());
        Assert.StartsWith(LaptopResolver.KnownAddress + " ", outside.Stdout);
        Assert.True(quit.ExitCode == 0, quit.ToString());
        Assert.Equal(before, await LaptopSnapshot.TakeAsync(shop.Topology));
    }

    [GeneratedRegex(@"(?m)^  Proxy     : OFF \(.+\)$")]
    private static partial Regex ProxyOffWithReason();
}
