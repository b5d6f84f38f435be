using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Telepath.Daemon.Tests.Outbound.LocalProxy;

/// <summary>Raw bytes to the proxy, and everything it answers until it closes.</summary>
internal static class ProxyClient
{
    public static async Task<byte[]> ExchangeAsync(string proxy, byte[] request)
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPEndPoint.Parse(proxy), cancellation.Token);
        await socket.SendAsync(request, SocketFlags.None, cancellation.Token);
        return await ReadToEndAsync(socket);
    }

    public static async Task<string> HttpAsync(string proxy, string request) =>
        Encoding.UTF8.GetString(await ExchangeAsync(proxy, Encoding.ASCII.GetBytes(request)));

    /// <summary>Everything the other side sends until it closes its direction.</summary>
    public static async Task<byte[]> ReadToEndAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var received = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        return received.ToArray();
    }
}
