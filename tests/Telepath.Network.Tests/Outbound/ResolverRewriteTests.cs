using Telepath.Network.Tests.Infrastructure;
using Telepath.Testing.Polling;

namespace Telepath.Network.Tests.Outbound;

/// <summary>
/// NetworkManager, a VPN client or DHCP rewrite /etc/resolv.conf whenever they like; while connected,
/// cluster names must not silently stop resolving when they do.
/// </summary>
public sealed class ResolverRewriteTests(ConnectedShopFixture shop) : IClassFixture<ConnectedShopFixture>
{
    [NetnsFact]
    public async Task A_resolv_conf_rewritten_by_another_program_gets_the_block_back_and_cluster_names_resolve_again()
    {
        // What another program writes: the laptop's own file, without Telepath's block.
        await File.WriteAllBytesAsync(shop.Topology.ResolvConfPath, shop.Topology.OriginalResolvConf);

        await Eventually.HoldsAsync(
            async () => (await shop.OnLaptopAsync("getent", "hosts", "orders.shop")).ExitCode == 0,
            TimeSpan.FromSeconds(15),
            () => $"orders.shop did not resolve again; resolv.conf is now:\n{File.ReadAllText(shop.Topology.ResolvConfPath)}");
        Assert.Contains("nameserver 127.0.0.153", await File.ReadAllTextAsync(shop.Topology.ResolvConfPath));
    }
}
