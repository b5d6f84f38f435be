using System.Net;
using System.Net.Sockets;

namespace Telepath.Hub.Previews.Ingress;

/// <summary>
/// The proxy's <see cref="SocketsHttpHandler.ConnectCallback"/>: the handler's own resolution would connect to
/// whatever the name says at that moment, so the hub resolves, keeps the allowed addresses and connects to those,
/// trying each in turn (a name may have IPv6 and IPv4 addresses and listen on one only).
/// </summary>
public sealed class IngressConnector(IngressGate gate)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        // An IPv6 literal reaches here as written in the URI, in brackets.
        var host = context.DnsEndPoint.Host.TrimStart('[').TrimEnd(']');
        var addresses = await gate.AllowedAddressesAsync(host, cancellationToken);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}
