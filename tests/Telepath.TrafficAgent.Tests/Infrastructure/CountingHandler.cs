using System.Net.Sockets;

namespace Telepath.TrafficAgent.Tests.Infrastructure;

internal static class CountingHandler
{
    /// <summary>An HTTP handler that reports each TCP connection it opens, to prove keep-alive reuse.</summary>
    public static SocketsHttpHandler Create(Action onConnect) => new()
    {
        ConnectCallback = async (context, token) =>
        {
            onConnect();
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(context.DnsEndPoint, token);
            return new NetworkStream(socket, ownsSocket: true);
        },
    };
}
