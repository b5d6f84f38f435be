using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.Testing.Network;

namespace Telepath.EndToEnd.Tests.Outbound;

/// <summary>The proxy's life: what status says of it, a port that is taken, and quit closing it.</summary>
[Collection(RoutingCollection.Name)]
public sealed class ProxyLifecycleTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Status_shows_the_proxy_and_quit_closes_its_port()
    {
        var port = Ports.Free();
        var proxy = $"127.0.0.1:{port}";
        await using var laptop = cluster.NewLaptop("proxy-status");
        await laptop.ConnectWithProxyAsync(port);

        var text = await laptop.MustRunAsync("status");
        var json = await laptop.MustRunAsync("status", "--output", "json");
        Assert.True(await AcceptsAsync(port), "the proxy should listen while connected");
        await laptop.MustRunAsync("quit");

        Assert.Contains($"\n  Proxy     : SOCKS5 {proxy} (set ALL_PROXY=socks5h://{proxy})\n", text.Stdout);
        using var status = JsonDocument.Parse(json.Stdout);
        Assert.Equal("socks", status.RootElement.GetProperty("proxyMode").GetString());
        Assert.Equal(proxy, status.RootElement.GetProperty("proxyAddress").GetString());
        Assert.False(status.RootElement.GetProperty("proxyOn").GetBoolean());
        Assert.False(await AcceptsAsync(port), "quit should close the proxy's port");
    }

    [Fact]
    public async Task Connect_with_the_proxy_port_in_use_says_so_in_one_line_and_starts_nothing()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var laptop = cluster.NewLaptop("proxy-taken");

        var result = await laptop.RunAsync("connect", "--manager", cluster.ManagerAddress, "--token-file", laptop.TokenFile, "--proxy=socks", "--proxy-port", $"{port}");
        var status = await laptop.RunAsync("status");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"telepath: cannot start the proxy: 127.0.0.1:{port} is already in use; choose another port with --proxy-port\n", result.Stderr);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith("Daemon: Not running\n", status.Stdout);
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
