using System.Net.Sockets;

namespace Telepath.Daemon.Tunnels;

/// <summary>Connects to the intercept's address on the laptop (the user's app).</summary>
internal static class LocalTarget
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <returns>The connected socket, or the reason it could not connect as one line for the agent's 502 page.</returns>
    public static async Task<(Socket? Socket, string? Error)> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await socket.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            return (socket, null);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return (null, Describe(e.SocketErrorCode, e.Message, host, port));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            return (null, $"no answer from {host}:{port} within {ConnectTimeout.TotalSeconds:0} s");
        }
    }

    public static string Describe(SocketError error, string message, string host, int port) => error switch
    {
        SocketError.ConnectionRefused => $"connection refused by {host}:{port}",
        _ => $"cannot connect to {host}:{port}: {message}",
    };
}
