using Telepath.Network.Testing.Workloads;
using Telepath.Network.Tests.Infrastructure;

namespace Telepath.Network.Tests.Outbound;

/// <summary>
/// Issue 6, privileges: a normal user without sudo is told in one line how to go on, with the
/// laptop unchanged; the same user needs no root for the SOCKS5 proxy.
/// </summary>
[Collection(ResolvingShopCollection.Name)]
public sealed class UnprivilegedUserTests(ResolvingShopFixture shop)
{
    // NetworkHelperLauncher.NoSudo, after the CLI's prefix for a user's mistake.
    private const string NoSudoLine = "telepath: changing the network needs root: run telepath connect as root, install sudo, or use --proxy=socks";

    [NetnsFact]
    public async Task Connect_without_root_or_sudo_fails_with_one_line_and_leaves_the_laptop_unchanged_and_not_connected()
    {
        var before = await LaptopSnapshot.TakeAsync(shop.Topology);
        await using var user = await UnprivilegedLaptopCli.CreateAsync(shop.Topology, shop.Cluster.LaptopKubeconfig);

        var connect = await user.RunAsync("connect", "-n", ShopWorkloads.Namespace);
        var status = await user.RunAsync("status");

        Assert.True(connect.ExitCode == 1, connect.ToString());
        Assert.Equal(NoSudoLine, Assert.Single(connect.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Matches(NotConnectedStatus.Pattern(), status.Stdout);
        Assert.Equal(before, await LaptopSnapshot.TakeAsync(shop.Topology));
    }

    [NetnsFact]
    public async Task In_SOCKS_mode_a_user_without_root_reaches_a_Service_by_name()
    {
        var before = await LaptopSnapshot.TakeAsync(shop.Topology);
        await using var user = await UnprivilegedLaptopCli.CreateAsync(shop.Topology, shop.Cluster.LaptopKubeconfig);

        var connect = await user.RunAsync("connect", "--proxy=socks", "-n", ShopWorkloads.Namespace);
        var curl = await shop.OnLaptopAsync([.. Nobody.Run("/usr/bin/curl", "-sS", "--max-time", "20", "--socks5-hostname", "127.0.0.1:1080", "http://orders.shop/")]);
        var during = await LaptopSnapshot.TakeAsync(shop.Topology);

        Assert.True(connect.ExitCode == 0, connect.ToString());
        Assert.True(curl.ExitCode == 0, curl.ToString());
        Assert.Equal("hello from cluster\n", curl.Stdout);
        Assert.Equal(before, during);
    }
}
