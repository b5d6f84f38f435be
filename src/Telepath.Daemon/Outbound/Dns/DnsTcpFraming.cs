using System.Buffers.Binary;

namespace Telepath.Daemon.Outbound.Dns;

/// <summary>DNS over TCP (RFC 1035 4.2.2, RFC 7766): each message is preceded by its length as two bytes.</summary>
internal static class DnsTcpFraming
{
    /// <returns>The message; null when the peer closed the connection between messages.</returns>
    /// <exception cref="EndOfStreamException">The connection ended inside a message.</exception>
    public static async Task<byte[]?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var prefix = new byte[2];
        var read = await stream.ReadAtLeastAsync(prefix, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < 2)
        {
            throw new EndOfStreamException("the connection ended inside a length prefix");
        }

        var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(message, cancellationToken).ConfigureAwait(false);
        return message;
    }

    public static async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.Span.CopyTo(framed.AsSpan(2));
        await stream.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
    }
}
