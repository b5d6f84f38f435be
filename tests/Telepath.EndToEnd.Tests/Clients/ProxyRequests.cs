using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Telepath.EndToEnd.Tests.Clients;

/// <summary>Proxy requests written byte by byte, to see the exact reply a proxy client gets.</summary>
public static class ProxyRequests
{
    /// <returns>The REP byte of the proxy's SOCKS5 reply to CONNECT <paramref name="host"/>:<paramref name="port"/>, by name.</returns>
    public static async Task<byte> Socks5ReplyAsync(IPEndPoint proxy, string host, int port)
    {
        var name = Encoding.ASCII.GetBytes(host);
        var portBytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(portBytes, (ushort)port);
        byte[] request = [0x05, 0x01, 0x00, 0x05, 0x01, 0x00, 0x03, (byte)name.Length, .. name, .. portBytes];

        var reply = await RawTcp.ExchangeAsync(proxy, request);

        Assert.True(reply.Length >= 4, $"a short SOCKS5 reply: {Convert.ToHexString(reply)}");
        Assert.Equal(new byte[] { 0x05, 0x00, 0x05 }, reply[..3]);
        return reply[3];
    }

    /// <returns>Everything the proxy answered to CONNECT <paramref name="authority"/>.</returns>
    public static Task<string> HttpConnectAsync(IPEndPoint proxy, string authority) =>
        HttpAsync(proxy, $"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n\r\n");

    /// <returns>Everything the proxy answered to a plain GET of <paramref name="url"/>, as a forwarding proxy would get it.</returns>
    public static Task<string> HttpGetAsync(IPEndPoint proxy, string url) =>
        HttpAsync(proxy, $"GET {url} HTTP/1.1\r\nHost: {new Uri(url).Authority}\r\n\r\n");

    private static async Task<string> HttpAsync(IPEndPoint proxy, string request) =>
        Encoding.UTF8.GetString(await RawTcp.ExchangeAsync(proxy, Encoding.ASCII.GetBytes(request)));
}
