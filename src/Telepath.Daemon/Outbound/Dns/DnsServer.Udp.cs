using System.Net;
using System.Net.Sockets;

namespace Telepath.Daemon.Outbound.Dns;

public sealed partial class DnsServer
{
    private const int MaxDatagram = 65535;

    private async Task ReceiveUdpAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var buffer = new byte[MaxDatagram];
        var anyone = new IPEndPoint(EndPoint.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, anyone, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // An ICMP error for an earlier reply (the client left): nothing to do for this socket.
                continue;
            }

            // Not awaited: a query waiting on a slow nameserver must not hold the ones behind it.
            _ = AnswerUdpAsync(buffer[..received.ReceivedBytes], received.RemoteEndPoint, cancellationToken);
        }
    }

    private async Task AnswerUdpAsync(byte[] packet, EndPoint client, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await _resolver.AnswerAsync(packet, overTcp: false, cancellationToken).ConfigureAwait(false);
            if (answer is not null)
            {
                await _udp.SendToAsync(answer, SocketFlags.None, client, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Log.QueryFailed(_logger, e);
        }
    }
}
