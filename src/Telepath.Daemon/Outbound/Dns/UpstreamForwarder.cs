using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Telepath.Daemon.Outbound.Dns;

/// <summary>
/// Passes a query the cluster does not own to the laptop's own nameservers, as the client sent it, and returns their
/// answer as they sent it: nothing is cached or re-encoded, so the laptop's resolver behaviour stays its own.
/// </summary>
internal sealed class UpstreamForwarder(IReadOnlyList<IPEndPoint> servers, TimeSpan timeout, ILogger logger)
{
    private IReadOnlyList<IPEndPoint> _servers = servers;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    private const int MaxUdpResponse = 65535;

    /// <summary>The laptop's nameservers changed (a VPN connected, DHCP renewed): queries from now on go to these.</summary>
    public void Update(IReadOnlyList<IPEndPoint> nameservers) => Volatile.Write(ref _servers, nameservers);

    /// <param name="limit">The most bytes the client takes (its UDP size, or 65535 over TCP).</param>
    /// <returns>The answer, with the query's id; null when no nameserver answered (the client gets SERVFAIL).</returns>
    public async Task<byte[]?> ForwardAsync(ReadOnlyMemory<byte> query, int limit, CancellationToken cancellationToken)
    {
        foreach (var server in Volatile.Read(ref _servers))
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                var answer = await ExchangeUdpAsync(server, query, deadline.Token).ConfigureAwait(false);
                if (IsTruncated(answer))
                {
                    // The full answer, if the client can take it; else the truncated one makes it come back over TCP.
                    var full = await ExchangeTcpAsync(server, query, deadline.Token).ConfigureAwait(false);
                    answer = full.Length <= limit ? full : answer;
                }

                // The id is the client's already (the query went out as it came); make sure of it anyway.
                query.Span[..2].CopyTo(answer);
                return answer;
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                Log.UpstreamDidNotAnswer(logger, server.ToString(), e.Message);
            }
        }

        return null;
    }

    private static bool IsTruncated(byte[] answer) => (answer[2] & 0x02) != 0;

    private static async Task<byte[]> ExchangeUdpAsync(IPEndPoint server, ReadOnlyMemory<byte> query, CancellationToken cancellationToken)
    {
        // A fresh socket, so a fresh random source port (and the kernel drops datagrams from anyone but the server).
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        await socket.SendAsync(query, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(MaxUdpResponse);
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (received >= 12 && buffer[0] == query.Span[0] && buffer[1] == query.Span[1] && (buffer[2] & 0x80) != 0)
                {
                    return buffer[..received];
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<byte[]> ExchangeTcpAsync(IPEndPoint server, ReadOnlyMemory<byte> query, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await DnsTcpFraming.WriteAsync(stream, query, cancellationToken).ConfigureAwait(false);
        return await DnsTcpFraming.ReadAsync(stream, cancellationToken).ConfigureAwait(false)
            ?? throw new IOException("the nameserver closed the TCP connection without an answer");
    }
}
