using System.Net.Sockets;
using Grpc.Net.Client;
using Telepath.Daemon;
using Telepath.Daemon.Hosting;
using ProtocolDaemon = Telepath.Protocol.Daemon.Daemon;

namespace Telepath.Cli.Daemon;

/// <summary>
/// A gRPC client of the user's daemon over its unix socket. The native front end
/// (src/Telepath.Cli.Launcher) compiles this file too, for <c>status</c>; what needs the rest of the
/// daemon's code is in DaemonConnection.Require.cs.
/// </summary>
internal sealed partial class DaemonConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    private DaemonConnection(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler });
        Client = new ProtocolDaemon.DaemonClient(_channel);
    }

    public ProtocolDaemon.DaemonClient Client { get; }

    /// <returns>Null when no daemon listens.</returns>
    public static async Task<DaemonConnection?> TryOpenAsync(DaemonPaths paths, CancellationToken cancellationToken) =>
        await SocketProbe.IsListeningAsync(paths.Socket, cancellationToken).ConfigureAwait(false) ? new DaemonConnection(paths.Socket) : null;

    public static DateTime Deadline(int seconds = 15) => DateTime.UtcNow.AddSeconds(seconds);

    public void Dispose() => _channel.Dispose();
}
