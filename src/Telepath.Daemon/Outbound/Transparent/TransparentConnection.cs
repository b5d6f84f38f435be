using System.Net.Sockets;

namespace Telepath.Daemon.Outbound.Transparent;

/// <summary>
/// One connection that nftables redirected: there is no handshake, the destination is the one the
/// process dialled. A destination that cannot be reached resets the connection at once, so the
/// client fails with "connection reset" instead of waiting on a socket that will never answer; so
/// does a destination that resets.
/// </summary>
internal static class TransparentConnection
{
    public static async Task<(ProxyOutcome Outcome, string Detail)> RunAsync(Socket client, IOutboundTunnels tunnels, CancellationToken cancellationToken)
    {
        System.Net.IPEndPoint original;
        try
        {
            original = OriginalDestination.Read(client);
        }
        catch (SocketException e)
        {
            Reset(client);
            return (ProxyOutcome.Rejected, $"no original destination ({e.Message}): the connection was not redirected by Telepath's rules");
        }

        // Dialled to this port directly: where the kernel tracks connections it names the port itself. Only the rules,
        // which take the connected user's connections alone, may bring a connection here.
        if (original.Equals(client.LocalEndPoint))
        {
            Reset(client);
            return (ProxyOutcome.Rejected, $"dialled to {original} directly: the connection was not redirected by Telepath's rules");
        }

        var destination = new ProxyDestination(original.Address.ToString(), original.Port);
        // Not waiting for the manager's dial: the client's first bytes go with the tunnel's request.
        var opened = await tunnels.OpenOutboundAsync(destination, waitForAnswer: false, cancellationToken).ConfigureAwait(false);
        if (opened.Tunnel is not { } tunnel)
        {
            Reset(client);
            return (ProxyOutcome.Refused, $"{destination}: {opened.Failure} {opened.Message}");
        }

        await using (tunnel)
        {
            var outcome = await OutboundRelay.RunAsync(client, tunnel, cancellationToken).ConfigureAwait(false);
            if (outcome != ProxyOutcome.Aborted)
            {
                return (outcome, $"{destination} (connected to {await RemoteAddressAsync(tunnel).ConfigureAwait(false)})");
            }

            // A destination that could not be reached, or one that reset: the client sees a reset too.
            Reset(client);
            var answer = tunnel.Answered ? await tunnel.AnswerAsync(CancellationToken.None).ConfigureAwait(false) : default;
            return answer.Refusal switch
            {
                Protocol.Manager.TunnelErrorCode.DestinationNotAllowed => (ProxyOutcome.NotAllowed, answer.Message),
                { } refusal => (ProxyOutcome.Refused, $"{destination}: {refusal} {answer.Message}"),
                null => (outcome, destination.ToString()),
            };
        }
    }

    private static async Task<string> RemoteAddressAsync(Telepath.Tunnels.Streams.TunnelStream tunnel) =>
        tunnel.Answered ? (await tunnel.AnswerAsync(CancellationToken.None).ConfigureAwait(false)).Header(Telepath.Tunnels.Wire.TunnelWire.RemoteAddressHeader) : "?";

    // Linger 0 makes close send RST rather than FIN.
    private static void Reset(Socket client)
    {
        try
        {
            client.LingerState = new LingerOption(true, 0);
            client.Close();
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }
    }
}
