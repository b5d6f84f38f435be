using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using Telepath.Daemon.Outbound.LocalProxy.Http;
using Telepath.Daemon.Outbound.LocalProxy.Socks;

namespace Telepath.Daemon.Outbound.LocalProxy;

/// <summary>
/// One client of the local proxy: its first byte chooses the protocol (SOCKS5 starts with its version,
/// 5; an HTTP request with a letter), the handshake names the destination, and the connection becomes
/// one outbound tunnel through the manager.
/// </summary>
internal static class ProxyConnection
{
    private const byte Socks5Version = 0x05;

    // A client that connects and sends nothing (a port scan) must not hold a connection for ever.
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(30);

    public static async Task<(ProxyOutcome Outcome, string Detail)> RunAsync(Socket client, IOutboundTunnels tunnels, CancellationToken cancellationToken)
    {
        await using var stream = new NetworkStream(client, ownsSocket: false);
        var request = await ReadRequestAsync(stream, cancellationToken).ConfigureAwait(false);
        if (!request.Complete)
        {
            return request.Incomplete;
        }

        var (handshake, destination) = (request.Handshake, request.Destination);

        var opened = await tunnels.OpenOutboundAsync(destination, waitForAnswer: true, cancellationToken).ConfigureAwait(false);
        if (opened.Tunnel is not { } tunnel)
        {
            await TellAsync(() => handshake.RefuseAsync(opened.Failure ?? OutboundFailure.ManagerUnavailable, opened.Message, cancellationToken)).ConfigureAwait(false);
            return opened.Failure == OutboundFailure.NotAllowed
                ? (ProxyOutcome.NotAllowed, opened.Message)
                : (ProxyOutcome.Refused, $"{destination}: {opened.Message}");
        }

        await using (tunnel)
        {
            if (!await TellAsync(() => handshake.AcceptAsync(cancellationToken)).ConfigureAwait(false))
            {
                return (ProxyOutcome.ClientLeft, $"{destination}: the client left before the connection was open");
            }

            var outcome = await OutboundRelay.RunAsync(client, tunnel, cancellationToken).ConfigureAwait(false);
            return (outcome, $"{destination} (connected to {opened.Message})");
        }
    }

    /// <summary>
    /// A client the proxy does not serve: its request is read, within the same bounds as any, only so that
    /// it can be told in its own protocol (SOCKS5 reply 2, HTTP 403); nothing is dialled.
    /// </summary>
    public static async Task<(ProxyOutcome Outcome, string Detail)> ForbidAsync(Socket client, string reason, CancellationToken cancellationToken)
    {
        await using var stream = new NetworkStream(client, ownsSocket: false);
        var request = await ReadRequestAsync(stream, cancellationToken).ConfigureAwait(false);
        if (!request.Complete)
        {
            return request.Incomplete;
        }

        var (handshake, destination) = (request.Handshake, request.Destination);

        await TellAsync(() => handshake.ForbidAsync(reason, cancellationToken)).ConfigureAwait(false);
        return (ProxyOutcome.Forbidden, $"{destination}: {reason}");
    }

    private static async Task<ClientRequest> ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        handshakeTimeout.CancelAfter(HandshakeTimeout);
        try
        {
            var first = new byte[1];
            await stream.ReadExactlyAsync(first, handshakeTimeout.Token).ConfigureAwait(false);
            IProxyHandshake handshake = first[0] == Socks5Version ? new Socks5Handshake(stream) : new HttpConnectHandshake(stream, first[0]);
            return new ClientRequest(handshake, await handshake.ReadRequestAsync(handshakeTimeout.Token).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is IOException or SocketException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ClientRequest(null, null, e.Message);
        }
    }

    private static async Task<bool> TellAsync(Func<Task> reply)
    {
        try
        {
            await reply().ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            return false;
        }
    }

    /// <summary>A client's request as read: the protocol to answer in and where it wants to go; or why there is no destination.</summary>
    /// <param name="Left">Why the client went away or stalled; null when its request was refused, and it was told.</param>
    private readonly record struct ClientRequest(IProxyHandshake? Handshake, ProxyDestination? Destination, string? Left)
    {
        [MemberNotNullWhen(true, nameof(Handshake), nameof(Destination))]
        public bool Complete => Handshake is not null && Destination is not null;

        public (ProxyOutcome Outcome, string Detail) Incomplete => Left is null ? (ProxyOutcome.Rejected, "") : (ProxyOutcome.ClientLeft, Left);
    }
}
