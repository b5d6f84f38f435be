using System.Globalization;
using Telepath.Network.Testing.Workloads;
using Telepath.Network.Tests.Infrastructure;

namespace Telepath.Network.Tests.Outbound;

/// <summary>Issue 6: Ctrl+C of a foreground connect once the privileged helper is up leaves nothing of Telepath's behind.</summary>
[Collection(ResolvingShopCollection.Name)]
public sealed class InterruptedConnectTests(ResolvingShopFixture shop)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [NetnsFact]
    public async Task Ctrl_C_after_the_helper_started_exits_130_and_leaves_no_rule_resolver_change_or_helper()
    {
        var before = await LaptopSnapshot.TakeAsync(shop.Topology);
        await using var laptop = new LaptopCli(shop.Topology, shop.Cluster.LaptopKubeconfig);
        await using var connect = laptop.Start("connect", "-n", ShopWorkloads.Namespace);

        // The helper's socket appears once it listens, before the daemon is asked to connect.
        await Poll.UntilAsync(
            () => Task.FromResult(File.Exists(laptop.NetworkHelperSocket) || connect.HasExited),
            () => $"the network helper listens at {laptop.NetworkHelperSocket}\n{connect.Output}");
        await ProcessRunner.RunAsync("kill", ["-INT", connect.Id.ToString(CultureInfo.InvariantCulture)]);
        var exitCode = await connect.WaitForExitAsync(Patience);

        IReadOnlyList<string> helpers = [];
        LaptopSnapshot? after = null;
        await Poll.UntilAsync(
            async () => (after = await LaptopSnapshot.TakeAsync(shop.Topology)) == before
                && (helpers = await HelperProcesses.InAsync(shop.Topology)).Count == 0,
            () => $"the laptop is as before connect and no helper runs\nhelpers: {string.Join('\n', helpers)}\nafter: {after}\nbefore: {before}\n{connect.Output}\n--- daemon.log (tail) ---\n{laptop.DaemonLogTail()}\n--- network-helper.log (tail) ---\n{HelperLog.Tail()}");
        Assert.True(exitCode == 130, $"exit code {exitCode}\n{connect.Output}");
    }
}
