using System.Net.Sockets;

namespace Telepath.Daemon.Outbound.Transparent;

/// <summary>
/// One connection that nftables redirected: there is no handshake, the destination is the one the
/// process dialled. A destination that cannot be reached resets the connection at once, so the
/// client fails with "connection reset" instead of waiting on a socket that will never answer.
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

        var destination = new ProxyDestination(original.Address.ToString(), original.Port);
        var opened = await tunnels.OpenOutboundAsync(destination, cancellationToken).ConfigureAwait(false);
        if (opened.Tunnel is not { } tunnel)
        {
            Reset(client);
            return (ProxyOutcome.Refused, $"{destination}: {opened.Failure} {opened.Message}");
        }

        await using (tunnel)
        {
            var outcome = await OutboundRelay.RunAsync(client, tunnel, cancellationToken).ConfigureAwait(false);
            return (outcome, $"{destination} (connected to {opened.Message})");
        }
    }

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
