using System.Net;
using System.Net.Sockets;
using Telepath.Protocol.Manager;

namespace Telepath.TrafficManager.Outbound;

/// <summary>
/// Connects to a laptop's destination from inside the cluster: resolves the name, then tries each
/// address in the resolver's order (a name may have IPv6 and IPv4 addresses and listen on one only).
/// The policy judges each address that is about to be connected to, not the name: a name that
/// resolves to 127.0.0.1 (DNS rebinding) is refused like 127.0.0.1 itself.
/// </summary>
public sealed class OutboundDialer(ClusterResolver resolver, OutboundPolicy policy, ManagerOptions options)
{
    public async Task<OutboundDial> DialAsync(string host, int port, CancellationToken cancellationToken)
    {
        var resolution = await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (resolution.Addresses.Length == 0)
        {
            return OutboundDial.Failed(TunnelErrorCode.NameNotFound, resolution.Failure ?? $"DNS name not found: {host}");
        }

        var allowed = resolution.Addresses.Where(address => policy.Refusal(address) is null).ToList();
        if (allowed.Count == 0)
        {
            return NotAllowed(host, port, resolution.Addresses[0]);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.OutboundConnectTimeout);
        OutboundDial last = OutboundDial.Failed(TunnelErrorCode.HostUnreachable, $"cannot connect to {host}:{port}");
        foreach (var address in allowed)
        {
            var endPoint = new IPEndPoint(address, port);
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
                return OutboundDial.Connected(socket, endPoint.ToString());
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = Describe(e.SocketErrorCode, e.Message, endPoint);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                return OutboundDial.Failed(TunnelErrorCode.TimedOut, $"timed out after {options.OutboundConnectTimeout.TotalSeconds:0} s connecting to {endPoint}");
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        return last;
    }

    private OutboundDial NotAllowed(string host, int port, IPAddress address)
    {
        var endPoint = new IPEndPoint(address, port).ToString();
        var destination = IPAddress.TryParse(host, out _) ? endPoint : $"{host}:{port} ({endPoint})";
        return OutboundDial.Failed(TunnelErrorCode.DestinationNotAllowed, $"the manager refuses {destination}: {policy.Refusal(address)}");
    }

    private OutboundDial Describe(SocketError error, string message, IPEndPoint endPoint) => error switch
    {
        SocketError.ConnectionRefused => OutboundDial.Failed(TunnelErrorCode.ConnectionRefused, $"connection refused by {endPoint}"),
        SocketError.TimedOut => OutboundDial.Failed(TunnelErrorCode.TimedOut, $"timed out after {options.OutboundConnectTimeout.TotalSeconds:0} s connecting to {endPoint}"),
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => OutboundDial.Failed(TunnelErrorCode.HostUnreachable, $"no route to {endPoint}"),
        _ => OutboundDial.Failed(TunnelErrorCode.HostUnreachable, $"cannot connect to {endPoint}: {message}"),
    };
}
