using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Telepath.Daemon.Outbound.Dns;

public sealed partial class DnsServer
{
    /// <summary>RFC 7766 6.2.3: a server closes idle connections; clients reopen them.</summary>
    private static readonly TimeSpan TcpIdleTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Socket, Task> _tcpClients = new();

    private async Task AcceptTcpAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _tcp.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (SocketException)
            {
                continue;
            }

            client.NoDelay = true;
            var serving = ServeTcpAsync(client, cancellationToken);
            _tcpClients[client] = serving;
            if (serving.IsCompleted)
            {
                // It ended before it was recorded, so its own removal came too early.
                _tcpClients.TryRemove(client, out _);
            }
        }

        await Task.WhenAll(_tcpClients.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Several queries a connection, answered in order.</summary>
    private async Task ServeTcpAsync(Socket client, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await using var stream = new NetworkStream(client, ownsSocket: false);
            while (true)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                idle.CancelAfter(TcpIdleTimeout);
                var query = await DnsTcpFraming.ReadAsync(stream, idle.Token).ConfigureAwait(false);
                if (query is null)
                {
                    return;
                }

                var answer = await _resolver.AnswerAsync(query, overTcp: true, cancellationToken).ConfigureAwait(false);
                if (answer is null)
                {
                    // Not a query: the stream can no longer be trusted to be in step.
                    return;
                }

                await DnsTcpFraming.WriteAsync(stream, answer, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            Log.TcpClientGone(_logger, e.Message);
        }
        catch (Exception e)
        {
            Log.QueryFailed(_logger, e);
        }
        finally
        {
            client.Dispose();
            _tcpClients.TryRemove(client, out _);
        }
    }
}
