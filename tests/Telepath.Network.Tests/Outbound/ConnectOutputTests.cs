using Telepath.Network.Testing.Workloads;
using Telepath.Network.Tests.Infrastructure;

namespace Telepath.Network.Tests.Outbound;

/// <summary>The privileged helper outlives connect; the pipes connect was given must not live on with it.</summary>
[Collection(ResolvingShopCollection.Name)]
public sealed class ConnectOutputTests(ResolvingShopFixture shop)
{
    [NetnsFact]
    public async Task The_output_of_connect_ends_when_it_exits_though_the_helper_runs_on()
    {
        await using var laptop = new LaptopCli(shop.Topology, shop.Cluster.LaptopKubeconfig);
        await using var connect = laptop.Start("connect", "-n", ShopWorkloads.Namespace);

        // As `telepath connect 2>&1 | tee log` sees it: this waits for the end of both pipes too (the
        // limit is the suite's guard against a hang, not a measure of speed).
        var exitCode = await connect.WaitForExitAsync(Poll.Limit);

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{connect.Output}");
        var helpers = await HelperProcesses.InAsync(shop.Topology);
        Assert.True(helpers.Count == 1, $"one helper runs while connected\nhelpers: {string.Join('\n', helpers)}\n{connect.Output}");
        await laptop.MustRunAsync("quit");
    }
}
