using System.Net.Sockets;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>
/// The daemon's connection to the privileged helper. The first connection is the helper's session:
/// keep it open while connected; disposing it (or the daemon's death) makes the helper clean up and exit.
/// </summary>
public sealed class NetworkHelperClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly HelperConnection _connection;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    private NetworkHelperClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _connection = new HelperConnection(_stream);
    }

    /// <exception cref="SocketException">No helper listens at <paramref name="socketPath"/>, or it may not be used.</exception>
    public static async Task<NetworkHelperClient> ConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            return new NetworkHelperClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sets up (or replaces) the redirect and the resolver block; see <see cref="HelperRequest.Apply"/>.</summary>
    public Task<HelperReply> ApplyAsync(HelperRequest request, CancellationToken cancellationToken) => SendAsync(request, cancellationToken);

    public Task<HelperReply> RemoveAsync(CancellationToken cancellationToken) => SendAsync(HelperRequest.Remove(), cancellationToken);

    /// <summary>Removes what an earlier, killed run left behind (for <c>telepath quit</c> when no daemon runs).</summary>
    public Task<HelperReply> CleanupAsync(CancellationToken cancellationToken) => SendAsync(HelperRequest.Cleanup(), cancellationToken);

    /// <summary>Ends the session: the helper removes everything and exits.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
        _oneAtATime.Dispose();
    }

    private async Task<HelperReply> SendAsync(HelperRequest request, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _connection.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return await _connection.ReadReplyAsync(cancellationToken).ConfigureAwait(false)
                ?? HelperReply.Failed("the network helper closed the connection without an answer; it may have been stopped");
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            return HelperReply.Failed($"the network helper is gone ({e.Message})");
        }
        finally
        {
            _oneAtATime.Release();
        }
    }
}
