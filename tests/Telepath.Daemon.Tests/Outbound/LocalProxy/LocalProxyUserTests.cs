using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Daemon.Outbound;
using Telepath.Daemon.Outbound.LocalProxy;
using Telepath.Daemon.Tests.Outbound.RootHelper;

namespace Telepath.Daemon.Tests.Outbound.LocalProxy;

/// <summary>Issue 12: the local proxy carries its user's access to the cluster, so another local user is refused.</summary>
public sealed class LocalProxyUserTests
{
    private static readonly byte[] SocksConnectToOrders = [0x05, 0x01, 0x00, 0x05, 0x01, 0x00, 0x03, 6, .. "orders"u8, 0x00, 0x50];

    [RootFact]
    public async Task A_SOCKS5_client_of_another_user_is_told_it_is_not_allowed_and_nothing_is_dialled()
    {
        var tunnels = new RefusingTunnels(OutboundFailure.ConnectionRefused, "why");
        await using var proxy = Start(tunnels);

        var reply = await AsNobodyAsync(proxy.Address, SocksConnectToOrders);

        // The method is chosen first, as for anyone; the request's reply is 0x02, "connection not allowed by ruleset".
        Assert.Equal("050005020001000000000000", reply);
        Assert.Empty(tunnels.Asked);
    }

    [RootFact]
    public async Task An_HTTP_CONNECT_client_of_another_user_gets_403_with_the_reason_and_nothing_is_dialled()
    {
        var tunnels = new RefusingTunnels(OutboundFailure.ConnectionRefused, "why");
        await using var proxy = Start(tunnels);

        var reply = Convert.FromHexString(await AsNobodyAsync(proxy.Address, "CONNECT orders.shop:80 HTTP/1.1\r\nHost: orders.shop:80\r\n\r\n"u8.ToArray()));

        var answer = System.Text.Encoding.UTF8.GetString(reply);
        Assert.StartsWith("HTTP/1.1 403 Forbidden\r\n", answer);
        Assert.EndsWith("\r\n\r\nthis proxy to the cluster serves the processes of user 0 only, not those of user 65534\n", answer);
        Assert.Empty(tunnels.Asked);
    }

    [Fact]
    public async Task A_client_of_the_proxys_own_user_is_served()
    {
        var tunnels = new RefusingTunnels(OutboundFailure.ConnectionRefused, "why");
        await using var proxy = Start(tunnels);

        var reply = await ProxyClient.ExchangeAsync(proxy.Address, SocksConnectToOrders);

        Assert.Equal(0x05, reply[3]);
        Assert.Equal(new ProxyDestination("orders", 80), Assert.Single(tunnels.Asked));
    }

    // Sends the bytes as nobody (a client we did not write), and returns what came back until the proxy closed, in hex.
    private static async Task<string> AsNobodyAsync(string proxy, byte[] request)
    {
        var (host, port) = (proxy.Split(':')[0], proxy.Split(':')[1]);
        using var client = Process.Start(new ProcessStartInfo(
            "setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", SendAndReadToEnd, host, port, Convert.ToHexString(request)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await client.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await client.WaitForExitAsync();
        Assert.True(client.ExitCode == 0, await client.StandardError.ReadToEndAsync());
        return output.Trim();
    }

    private const string SendAndReadToEnd = """
        import socket, sys
        s = socket.create_connection((sys.argv[1], int(sys.argv[2])))
        s.sendall(bytes.fromhex(sys.argv[3]))
        received = b""
        while chunk := s.recv(4096):
            received += chunk
        print(received.hex().upper())
        """;

    private static LocalProxyServer Start(IOutboundTunnels tunnels)
    {
        var proxy = LocalProxyServer.Bind(0, NullLogger.Instance);
        proxy.Start(tunnels);
        return proxy;
    }
}
