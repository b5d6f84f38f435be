using Telepath.Network.Tests.Infrastructure;

namespace Telepath.Network.Tests.Outbound;

/// <summary>
/// Issue 12: another user of the same laptop (nobody, here; the laptop is connected as root) gets nothing
/// of the connected user's cluster access: neither the helper, nor the redirect of its connections, nor
/// the cluster's names.
/// </summary>
public sealed partial class TransparentOutboundTests
{
    private const string FromTheLaptop = "hello from the laptop";

    [NetnsFact]
    public async Task Another_users_connection_to_a_cluster_address_is_not_redirected_while_the_connected_users_is()
    {
        // The laptop itself answers at the Service's address, so a connection the rules leave alone arrives here.
        await using var laptopServer = await LaptopServer.StartAsync(shop.Topology, shop.OrdersClusterIp, 80, FromTheLaptop);

        var own = await CurlAsync($"http://{shop.OrdersClusterIp}/");
        var other = await shop.OnLaptopAsync([.. Nobody.Run("/usr/bin/curl", "-sS", "--max-time", "20", $"http://{shop.OrdersClusterIp}/")]);

        Assert.True(own.ExitCode == 0, Explain(own));
        Assert.Equal(Hello, own.Stdout);
        Assert.True(other.ExitCode == 0, Explain(other));
        Assert.Equal(FromTheLaptop + "\n", other.Stdout);
    }

    [NetnsFact]
    public async Task Another_users_lookups_go_to_the_laptops_own_resolver_and_not_to_the_clusters()
    {
        var own = await shop.OnLaptopAsync("getent", "hosts", "orders.shop.svc.cluster.local");
        var otherCluster = await shop.OnLaptopAsync([.. Nobody.Run("/usr/bin/getent", "hosts", "orders.shop.svc.cluster.local")]);
        var otherOutside = await shop.OnLaptopAsync([.. Nobody.Run("/usr/bin/getent", "hosts", LaptopResolver.KnownName)]);

        Assert.True(own.ExitCode == 0, Explain(own));
        Assert.StartsWith(shop.OrdersClusterIp + " ", own.Stdout);

        // getent's 2: the name is not known, as the laptop's own resolver says of every cluster name.
        Assert.True(otherCluster.ExitCode == 2, Explain(otherCluster));
        Assert.True(otherOutside.ExitCode == 0, Explain(otherOutside));
        Assert.StartsWith(LaptopResolver.KnownAddress + " ", otherOutside.Stdout);
    }

    [NetnsFact]
    public async Task The_privileged_helper_refuses_another_user_and_its_rules_stay()
    {
        var closed = await AsNobodyAskTheHelperAsync();

        // Past the file modes, the helper's own check of the peer's user must still say no.
        shop.Laptop.OpenHelperSocketToEveryone();
        var open = await AsNobodyAskTheHelperAsync();
        var table = await shop.OnLaptopAsync("nft", "list", "table", "ip", "telepath");
        var curl = await CurlAsync("http://orders.shop/");

        Assert.Equal("cannot open: PermissionError\n", closed.Stdout);
        Assert.True(open.ExitCode == 0, open.ToString());
        Assert.Contains("refused", open.Stdout);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.True(curl.ExitCode == 0, Explain(curl));
        Assert.Equal(Hello, curl.Stdout);
    }

    // Connects to the helper's socket as nobody, asks it to remove its rules, and prints what came of it.
    private Task<ProcessResult> AsNobodyAskTheHelperAsync() =>
        shop.OnLaptopAsync([.. Nobody.Run("/usr/bin/python3", "-c", AskTheHelper, shop.Laptop.NetworkHelperSocket)]);

    private const string AskTheHelper = """
        import socket, sys
        s = socket.socket(socket.AF_UNIX)
        try:
            s.connect(sys.argv[1])
        except OSError as e:
            print("cannot open: " + type(e).__name__)
            sys.exit(0)
        s.sendall(b'{"op":"remove"}\n')
        print(s.makefile().readline().strip())
        """;
}
