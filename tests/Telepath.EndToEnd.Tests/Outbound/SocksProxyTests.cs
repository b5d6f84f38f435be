using System.Net;
using System.Security.Cryptography;
using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Infrastructure;
using Telepath.EndToEnd.Tests.Laptops;
using Telepath.Testing.Network;
using Telepath.Testing.Polling;

namespace Telepath.EndToEnd.Tests.Outbound;

/// <summary>
/// `connect --proxy=socks`: real clients reach the "cluster" app through the daemon's proxy and the
/// manager. The name `localhost` is resolved by the manager (as a cluster name would be), never by curl.
/// </summary>
[Collection(RoutingCollection.Name)]
public sealed class SocksProxyTests(ClusterFixture cluster) : IAsyncLifetime
{
    private readonly int _proxyPort = Ports.Free();
    private Laptop _laptop = null!;

    private string Proxy => $"127.0.0.1:{_proxyPort}";

    private IPEndPoint ProxyEndPoint => new(IPAddress.Loopback, _proxyPort);

    private string ClusterUrl => $"http://localhost:{cluster.ClusterApp.Port}";

    public async Task InitializeAsync()
    {
        _laptop = cluster.NewLaptop("outbound");
        var connected = await _laptop.ConnectWithProxyAsync(_proxyPort);
        Assert.EndsWith($"Proxy: SOCKS5 {Proxy} (set ALL_PROXY=socks5h://{Proxy})\n", connected.Stdout);
    }

    public async Task DisposeAsync() => await _laptop.DisposeAsync();

    [ToolFact("curl")]
    public async Task Curl_reaches_the_cluster_through_SOCKS5_with_remote_DNS_and_through_HTTP_CONNECT()
    {
        var socks = await Tool.MustAsync(Tool.CurlThroughProxyAsync("-v", "--socks5-hostname", Proxy, $"{ClusterUrl}/whoami"));
        var connect = await Tool.MustAsync(Tool.CurlThroughProxyAsync("-v", "--proxytunnel", "-x", $"http://{Proxy}", $"{ClusterUrl}/whoami"));

        Assert.Equal("cluster", socks.Stdout);
        Assert.Contains($"SOCKS5 connect to localhost:{cluster.ClusterApp.Port} (remotely resolved)", socks.Stderr);
        Assert.Equal("cluster", connect.Stdout);
        Assert.Contains("HTTP/1.1 200 Connection established", connect.Stderr);
    }

    [ToolFact("curl")]
    public async Task A_20_MB_download_through_the_proxy_arrives_intact()
    {
        var expected = SampleBodies.Sha256(SampleBodies.Bytes(SampleBodies.TwentyMegabytes));
        var socksFile = Path.Combine(_laptop.Home, "socks.bin");
        var connectFile = Path.Combine(_laptop.Home, "connect.bin");

        await Tool.MustAsync(Tool.CurlThroughProxyAsync("--socks5-hostname", Proxy, "-o", socksFile, $"{ClusterUrl}/download?bytes={SampleBodies.TwentyMegabytes}"));
        await Tool.MustAsync(Tool.CurlThroughProxyAsync("-p", "-x", $"http://{Proxy}", "-o", connectFile, $"{ClusterUrl}/download?bytes={SampleBodies.TwentyMegabytes}"));

        Assert.Equal(expected, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(socksFile))));
        Assert.Equal(expected, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(connectFile))));
    }

    [ToolFact("curl")]
    public async Task A_port_where_nothing_listens_is_refused_with_SOCKS_reply_5_and_HTTP_502()
    {
        var closed = Ports.Free();

        var socks = await Tool.CurlThroughProxyAsync("--socks5-hostname", Proxy, $"http://localhost:{closed}/");
        var connect = await Tool.CurlThroughProxyAsync("-p", "-x", $"http://{Proxy}", $"http://127.0.0.1:{closed}/");
        var reply = await ProxyRequests.Socks5ReplyAsync(ProxyEndPoint, "localhost", closed);
        var answer = await ProxyRequests.HttpConnectAsync(ProxyEndPoint, $"127.0.0.1:{closed}");

        Assert.Equal(97, socks.ExitCode); // CURLE_PROXY: the proxy's handshake failed
        Assert.Equal(56, connect.ExitCode); // CURLE_RECV_ERROR: "CONNECT tunnel failed, response 502"
        Assert.Contains("502", connect.Stderr);
        Assert.Equal(0x05, reply);
        Assert.StartsWith("HTTP/1.1 502 Bad Gateway\r\n", answer);
        Assert.EndsWith($"\r\n\r\nconnection refused by 127.0.0.1:{closed}\n", answer);
    }

    [ToolFact("python3:grpc")]
    public async Task Pythons_grpcio_reaches_the_cluster_through_the_HTTP_CONNECT_proxy()
    {
        var target = $"localhost:{cluster.ClusterApp.Port}";

        var through = await PythonGrpcEcho.SayAsync(target, httpProxy: $"http://{Proxy}");
        // The control: gRPC really goes where grpc_proxy says, so the call above did cross the proxy.
        var deadProxy = await PythonGrpcEcho.SayAsync(target, httpProxy: $"http://127.0.0.1:{Ports.Free()}");

        Assert.True(through.ExitCode == 0, through.ToString());
        Assert.Equal("hi cluster\n", through.Stdout);
        Assert.NotEqual(0, deadProxy.ExitCode);
    }

    [Fact]
    public async Task A_name_the_cluster_does_not_know_is_host_unreachable_and_502_naming_it()
    {
        var reply = await ProxyRequests.Socks5ReplyAsync(ProxyEndPoint, "no-such-service.invalid", 80);
        var answer = await ProxyRequests.HttpConnectAsync(ProxyEndPoint, "no-such-service.invalid:80");

        Assert.Equal(0x04, reply);
        Assert.StartsWith("HTTP/1.1 502 Bad Gateway\r\n", answer);
        Assert.Contains("no-such-service.invalid", answer);
    }

    [ToolFact("curl")]
    public async Task The_cloud_metadata_address_is_refused_by_the_manager_with_SOCKS_reply_2_HTTP_403_and_one_line_in_the_log()
    {
        const string Refusal =
            "the manager refuses 169.254.169.254:80: link-local addresses are not reachable through Telepath unless the manager's outbound allow-list names them";

        var socks = await Tool.CurlThroughProxyAsync("--socks5-hostname", Proxy, "http://169.254.169.254/latest/meta-data/");
        var reply = await ProxyRequests.Socks5ReplyAsync(ProxyEndPoint, "169.254.169.254", 80);
        var answer = await ProxyRequests.HttpConnectAsync(ProxyEndPoint, "169.254.169.254:80");

        Assert.Equal(97, socks.ExitCode);
        Assert.Equal(0x02, reply); // connection not allowed by ruleset
        Assert.StartsWith("HTTP/1.1 403 Forbidden\r\n", answer);
        Assert.EndsWith($"\r\n\r\n{Refusal}\n", answer);
        await Poll.UntilAsync(
            () => Task.FromResult(File.Exists(_laptop.DaemonLog) && File.ReadLines(_laptop.DaemonLog).Any(l => l.EndsWith(Refusal, StringComparison.Ordinal))),
            () => $"daemon.log has no line ending \"{Refusal}\":\n{_laptop.DaemonLogTail()}");
    }

    [Fact]
    public async Task A_plain_HTTP_request_to_the_proxy_gets_405()
    {
        var answer = await ProxyRequests.HttpGetAsync(ProxyEndPoint, $"{ClusterUrl}/whoami");

        Assert.StartsWith("HTTP/1.1 405 Method Not Allowed\r\n", answer);
        Assert.Contains("\r\nAllow: CONNECT\r\n", answer);
    }
}
