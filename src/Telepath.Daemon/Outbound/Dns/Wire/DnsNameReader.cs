using System.Buffers.Binary;
using System.Text;

namespace Telepath.Daemon.Outbound.Dns.Wire;

/// <summary>Reads a domain name (RFC 1035 3.1), following compression pointers (4.1.4).</summary>
internal static class DnsNameReader
{
    private const int MaxNameLength = 255;

    /// <summary>
    /// Reads the name at <paramref name="offset"/> and moves it past the name's bytes in place
    /// (past the first pointer, when the name is compressed).
    /// </summary>
    /// <returns>False for a name that runs past the packet, is too long, or whose pointers do not point strictly backwards.</returns>
    public static bool TryRead(ReadOnlySpan<byte> packet, ref int offset, out List<string> labels)
    {
        labels = [];
        var position = offset;
        var end = -1;
        var length = 1;
        while (true)
        {
            if (position >= packet.Length)
            {
                return false;
            }

            var size = packet[position];
            if (size == 0)
            {
                offset = end < 0 ? position + 1 : end;
                return true;
            }

            switch (size & 0xC0)
            {
                case 0xC0:
                    if (position + 1 >= packet.Length)
                    {
                        return false;
                    }

                    var target = BinaryPrimitives.ReadUInt16BigEndian(packet[position..]) & 0x3FFF;
                    // Strictly backwards pointers cannot loop.
                    if (target >= position)
                    {
                        return false;
                    }

                    if (end < 0)
                    {
                        end = position + 2;
                    }

                    position = target;
                    continue;
                case 0x00:
                    length += size + 1;
                    if (length > MaxNameLength || position + 1 + size > packet.Length)
                    {
                        return false;
                    }

                    labels.Add(Encoding.Latin1.GetString(packet.Slice(position + 1, size)));
                    position += 1 + size;
                    continue;
                default:
                    // 0x40 and 0x80 are extended label types nobody uses (RFC 6891 retired them).
                    return false;
            }
        }
    }
}
