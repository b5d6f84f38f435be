using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Core;
using Telepath.Daemon.Outbound;
using Telepath.Daemon.Outbound.LocalProxy;

namespace Telepath.Daemon.Tests.Outbound.LocalProxy;

public sealed class LocalProxyTests
{
    private static readonly byte[] Greeting = [0x05, 0x01, 0x00];

    [Theory]
    [InlineData(OutboundFailure.ConnectionRefused, (byte)0x05)]
    [InlineData(OutboundFailure.NameNotFound, (byte)0x04)]
    [InlineData(OutboundFailure.TimedOut, (byte)0x04)]
    [InlineData(OutboundFailure.HostUnreachable, (byte)0x04)]
    [InlineData(OutboundFailure.NotAllowed, (byte)0x02)]
    [InlineData(OutboundFailure.ManagerUnavailable, (byte)0x01)]
    public async Task A_SOCKS5_connect_that_fails_gets_the_matching_reply_code(OutboundFailure failure, byte code)
    {
        var tunnels = new RefusingTunnels(failure, "why");
        await using var proxy = Start(tunnels);

        var reply = await ProxyClient.ExchangeAsync(proxy.Address, [.. Greeting, 0x05, 0x01, 0x00, 0x03, 6, .. "orders"u8, 0x00, 0x50]);

        Assert.Equal(new byte[] { 0x05, 0x00, 0x05, code, 0x00, 0x01, 0, 0, 0, 0, 0, 0 }, reply);
        Assert.Equal(new ProxyDestination("orders", 80), Assert.Single(tunnels.Asked));
    }

    [Fact]
    public async Task SOCKS5_addresses_are_passed_on_as_they_are()
    {
        var tunnels = new RefusingTunnels(OutboundFailure.ConnectionRefused, "why");
        await using var proxy = Start(tunnels);

        await ProxyClient.ExchangeAsync(proxy.Address, [.. Greeting, 0x05, 0x01, 0x00, 0x01, 10, 96, 0, 10, 0x1F, 0x90]);
        await ProxyClient.ExchangeAsync(proxy.Address, [.. Greeting, 0x05, 0x01, 0x00, 0x04, .. new byte[15], 1, 0x01, 0xBB]);

        Assert.Equal(new[] { new ProxyDestination("10.96.0.10", 8080), new ProxyDestination("::1", 443) }, tunnels.Asked);
    }

    [Fact]
    public async Task SOCKS5_BIND_is_command_not_supported_and_an_unknown_address_type_is_refused()
    {
        var tunnels = new RefusingTunnels(OutboundFailure.ConnectionRefused, "why");
        await using var proxy = Start(tunnels);

        var bind = await ProxyClient.ExchangeAsync(proxy.Address, [.. Greeting, 0x05, 0x02, 0x00, 0x01, 127, 0, 0, 1, 0x00, 0x50]);
        var addressType = await ProxyClient.ExchangeAsync(proxy.Address, [.. Greeting, 0x05, 0x01, 0x00, 0x09]);

        Assert.Equal(0x07, bind[3]);
        Assert.Equal(0x08, addressType[3]);
        Assert.Empty(tunnels.Asked);
    }

    [Fact]
    public async Task A_SOCKS5_client_that_offers_only_authentication_is_refused()
    {
        await using var proxy = Start(new RefusingTunnels(OutboundFailure.ConnectionRefused, "why"));

        var reply = await ProxyClient.ExchangeAsync(proxy.Address, [0x05, 0x01, 0x02]);

        Assert.Equal(new byte[] { 0x05, 0xFF }, reply);
    }

    [Theory]
    [InlineData(OutboundFailure.ConnectionRefused, "502 Bad Gateway")]
    [InlineData(OutboundFailure.TimedOut, "504 Gateway Timeout")]
    [InlineData(OutboundFailure.NotAllowed, "403 Forbidden")]
    public async Task An_HTTP_CONNECT_that_fails_gets_the_status_and_the_managers_reason(OutboundFailure failure, string status)
    {
        var tunnels = new RefusingTunnels(failure, "connection refused by 10.0.0.5:80");
        await using var proxy = Start(tunnels);

        var answer = await ProxyClient.HttpAsync(proxy.Address, "CONNECT orders.shop:80 HTTP/1.1\r\nHost: orders.shop:80\r\n\r\n");

        Assert.StartsWith($"HTTP/1.1 {status}\r\n", answer);
        Assert.EndsWith("\r\n\r\nconnection refused by 10.0.0.5:80\n", answer);
        Assert.Equal(new ProxyDestination("orders.shop", 80), Assert.Single(tunnels.Asked));
    }

    [Theory]
    [InlineData("GET http://orders/ HTTP/1.1\r\nHost: orders\r\n\r\n", "405 Method Not Allowed")]
    [InlineData("CONNECT orders HTTP/1.1\r\n\r\n", "400 Bad Request")]
    [InlineData("hello\r\n\r\n", "400 Bad Request")]
    public async Task A_request_that_is_not_a_valid_CONNECT_is_answered_and_dials_nothing(string request, string status)
    {
        var tunnels = new RefusingTunnels(OutboundFailure.ConnectionRefused, "why");
        await using var proxy = Start(tunnels);

        var answer = await ProxyClient.HttpAsync(proxy.Address, request);

        Assert.StartsWith($"HTTP/1.1 {status}\r\n", answer);
        Assert.Empty(tunnels.Asked);
    }

    [Fact]
    public async Task A_port_in_use_is_a_user_error_naming_it()
    {
        await using var first = Start(new RefusingTunnels(OutboundFailure.ConnectionRefused, "why"));
        var port = int.Parse(first.Address.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

        var error = Assert.Throws<UserErrorException>(() => LocalProxyServer.Bind(port, NullLogger.Instance));

        Assert.Equal($"cannot start the proxy: 127.0.0.1:{port} is already in use; choose another port with --proxy-port", error.Message);
    }

    private static LocalProxyServer Start(IOutboundTunnels tunnels)
    {
        var proxy = LocalProxyServer.Bind(0, NullLogger.Instance);
        proxy.Start(tunnels);
        return proxy;
    }
}
