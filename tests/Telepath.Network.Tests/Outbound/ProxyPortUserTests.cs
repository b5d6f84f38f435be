using Telepath.Network.Testing.Workloads;
using Telepath.Network.Tests.Infrastructure;

namespace Telepath.Network.Tests.Outbound;

/// <summary>
/// Issue 12: the SOCKS5 / HTTP CONNECT port listens on loopback, where every user of the laptop can reach
/// it, and carries the connected user's access to the cluster; so it serves that user's processes only.
/// </summary>
[Collection(ResolvingShopCollection.Name)]
public sealed class ProxyPortUserTests(ResolvingShopFixture shop)
{
    private const string Proxy = "127.0.0.1:1080";

    [NetnsFact]
    public async Task The_proxy_serves_the_connected_user_and_refuses_another_in_both_protocols()
    {
        await using var laptop = new LaptopCli(shop.Topology, shop.Cluster.LaptopKubeconfig);
        await laptop.MustRunAsync("connect", "--proxy=socks", "-n", ShopWorkloads.Namespace);

        var own = await shop.OnLaptopAsync("curl", "-sS", "--max-time", "20", "--socks5-hostname", Proxy, "http://orders.shop/");
        var otherSocks = await shop.OnLaptopAsync([.. Nobody.Run("/usr/bin/curl", "-sS", "--max-time", "20", "--socks5-hostname", Proxy, "http://orders.shop/")]);
        var otherConnect = await shop.OnLaptopAsync([.. Nobody.Run("/usr/bin/curl", "-sS", "--max-time", "20", "-p", "-x", $"http://{Proxy}", "http://orders.shop/")]);

        Assert.True(own.ExitCode == 0, own.ToString());
        Assert.Equal("hello from cluster\n", own.Stdout);

        // SOCKS5 reply 2 is "connection not allowed by ruleset"; curl prints the code in brackets.
        Assert.True(otherSocks.ExitCode != 0, otherSocks.ToString());
        Assert.Contains("Can't complete SOCKS5 connection to orders.shop. (2)", otherSocks.Stderr);
        Assert.True(otherConnect.ExitCode != 0, otherConnect.ToString());
        Assert.Contains("CONNECT tunnel failed, response 403", otherConnect.Stderr);
        var refusals = (await File.ReadAllLinesAsync(laptop.DaemonLog)).Count(line => line.Contains($"is a process of user {Nobody.UserId}, and the proxy serves user 0", StringComparison.Ordinal));
        Assert.Equal(2, refusals);
    }
}
