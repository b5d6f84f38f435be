using System.Text;
using Telepath.Network.Tests.Infrastructure;
using Telepath.Testing.Polling;

namespace Telepath.Network.Tests.Outbound;

/// <summary>
/// NetworkManager, a VPN client or DHCP rewrite /etc/resolv.conf whenever they like; while connected,
/// cluster names must not silently stop resolving when they do, and the laptop's other names must go
/// to the nameservers the new file names.
/// </summary>
public sealed class ResolverRewriteTests(ConnectedShopFixture shop) : IClassFixture<ConnectedShopFixture>
{
    private const string VpnNameserver = "127.0.0.77";
    private const string VpnAnswer = "192.0.2.99";

    [NetnsFact]
    public async Task A_resolv_conf_rewritten_by_a_VPN_client_gets_the_block_back_and_its_nameserver_answers_the_other_names()
    {
        await using var vpnResolver = NetworkTopology.Start(
            shop.Topology.Names.Laptop, "VPN resolver", ["/usr/bin/python3", Path.Combine(AppContext.BaseDirectory, "Assets", "dns_upstream.py"), VpnNameserver, "53", VpnAnswer]);
        await vpnResolver.WaitForLineAsync(new System.Text.RegularExpressions.Regex("^ready$"), TimeSpan.FromSeconds(20));

        // What the VPN client writes: its own nameserver, without Telepath's block.
        await File.WriteAllBytesAsync(shop.Topology.ResolvConfPath, Encoding.ASCII.GetBytes($"# written by a VPN client\nnameserver {VpnNameserver}\n"));

        await Poll.UntilAsync(
            async () => (await shop.OnLaptopAsync("getent", "hosts", "orders.shop")).ExitCode == 0
                && (await shop.OnLaptopAsync("getent", "hosts", LaptopResolver.KnownName)).Stdout.StartsWith(VpnAnswer, StringComparison.Ordinal),
            () => $"orders.shop and {LaptopResolver.KnownName} (from the VPN's nameserver) did not both resolve; resolv.conf is now:\n{File.ReadAllText(shop.Topology.ResolvConfPath)}");
        Assert.Contains("nameserver 127.0.0.153", await File.ReadAllTextAsync(shop.Topology.ResolvConfPath));
    }
}
