using System.Net;
using System.Net.Sockets;

namespace Telepath.EndToEnd.Tests.Clients;

/// <summary>Plain TCP, for bytes that are not HTTP.</summary>
public static class RawTcp
{
    /// <summary>Sends the bytes, half-closes, and returns everything read until the other side closes.</summary>
    public static async Task<byte[]> ExchangeAsync(IPEndPoint endpoint, byte[] bytes)
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endpoint, cancellation.Token);
        await socket.SendAsync(bytes, SocketFlags.None, cancellation.Token);
        socket.Shutdown(SocketShutdown.Send);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellation.Token)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        return received.ToArray();
    }
}
