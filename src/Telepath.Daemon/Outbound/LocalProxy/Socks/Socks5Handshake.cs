using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Telepath.Daemon.Outbound.LocalProxy.Socks;

/// <summary>
/// The server side of SOCKS5 (RFC 1928): the no-authentication method and the CONNECT command only.
/// A domain name is passed on unresolved, so the manager resolves it inside the cluster ("socks5h").
/// </summary>
internal sealed class Socks5Handshake(Stream client) : IProxyHandshake
{
    private const byte Version = 0x05;
    private const byte NoAuthentication = 0x00;
    private const byte NoAcceptableMethods = 0xFF;
    private const byte Connect = 0x01;
    private const byte IPv4 = 0x01;
    private const byte DomainName = 0x03;
    private const byte IPv6 = 0x04;

    /// <remarks>The version byte was read already, to choose the protocol.</remarks>
    public async Task<ProxyDestination?> ReadRequestAsync(CancellationToken cancellationToken)
    {
        var count = await ReadByteAsync(cancellationToken).ConfigureAwait(false);
        var methods = new byte[count];
        await client.ReadExactlyAsync(methods, cancellationToken).ConfigureAwait(false);
        if (!methods.Contains(NoAuthentication))
        {
            await client.WriteAsync(new byte[] { Version, NoAcceptableMethods }, cancellationToken).ConfigureAwait(false);
            return null;
        }

        await client.WriteAsync(new byte[] { Version, NoAuthentication }, cancellationToken).ConfigureAwait(false);
        var header = new byte[4];
        await client.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
        if (header[0] != Version)
        {
            await ReplyAsync(Socks5Reply.GeneralFailure, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var host = header[3] switch
        {
            IPv4 => await ReadAddressAsync(4, cancellationToken).ConfigureAwait(false),
            IPv6 => await ReadAddressAsync(16, cancellationToken).ConfigureAwait(false),
            DomainName => await ReadNameAsync(cancellationToken).ConfigureAwait(false),
            _ => null,
        };
        if (host is null)
        {
            // The address's length is unknown, so the request cannot be read past it: answer and close.
            await ReplyAsync(Socks5Reply.AddressTypeNotSupported, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var port = new byte[2];
        await client.ReadExactlyAsync(port, cancellationToken).ConfigureAwait(false);
        if (header[1] != Connect)
        {
            await ReplyAsync(Socks5Reply.CommandNotSupported, cancellationToken).ConfigureAwait(false);
            return null;
        }

        return new ProxyDestination(host, BinaryPrimitives.ReadUInt16BigEndian(port));
    }

    public Task AcceptAsync(CancellationToken cancellationToken) => ReplyAsync(Socks5Reply.Succeeded, cancellationToken);

    public Task RefuseAsync(OutboundFailure failure, string message, CancellationToken cancellationToken) =>
        ReplyAsync(Socks5Replies.For(failure), cancellationToken);

    /// <remarks>SOCKS5 has no room for a reason; the proxy's log has it.</remarks>
    public Task ForbidAsync(string reason, CancellationToken cancellationToken) => ReplyAsync(Socks5Reply.NotAllowedByRuleset, cancellationToken);

    /// <remarks>BND.ADDR is 0.0.0.0:0: the bound address is the manager's, in the cluster, and clients do not use it for CONNECT.</remarks>
    private async Task ReplyAsync(Socks5Reply reply, CancellationToken cancellationToken) =>
        await client.WriteAsync(new byte[] { Version, (byte)reply, 0x00, IPv4, 0, 0, 0, 0, 0, 0 }, cancellationToken).ConfigureAwait(false);

    private async Task<string> ReadAddressAsync(int length, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        await client.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return new IPAddress(bytes).ToString();
    }

    private async Task<string> ReadNameAsync(CancellationToken cancellationToken)
    {
        var name = new byte[await ReadByteAsync(cancellationToken).ConfigureAwait(false)];
        await client.ReadExactlyAsync(name, cancellationToken).ConfigureAwait(false);
        return Encoding.ASCII.GetString(name);
    }

    private async Task<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        var one = new byte[1];
        await client.ReadExactlyAsync(one, cancellationToken).ConfigureAwait(false);
        return one[0];
    }
}
