using System.Buffers.Binary;

namespace Telepath.EndToEnd.Tests.Clients;

/// <summary>
/// The first bytes of a <see cref="ByteExchange"/> connection: a zero byte (so no HTTP sniffer takes
/// it for a request line), a 16-byte tag that names the exchange, and how many bytes the client wants
/// back (8 bytes, big-endian). Everything after it, up to the client's half-close, is its upload.
/// </summary>
public static class ExchangeHeader
{
    public const int Length = 1 + 16 + 8;

    public static byte[] Write(Guid tag, long download)
    {
        var header = new byte[Length];
        tag.TryWriteBytes(header.AsSpan(1, 16));
        BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(17), download);
        return header;
    }

    /// <returns>Null when the bytes are not a header.</returns>
    public static (Guid Tag, long Download)? Read(ReadOnlySpan<byte> header)
    {
        if (header.Length != Length || header[0] != 0)
        {
            return null;
        }

        var download = BinaryPrimitives.ReadInt64BigEndian(header[17..]);
        return download < 0 ? null : (new Guid(header.Slice(1, 16)), download);
    }
}
