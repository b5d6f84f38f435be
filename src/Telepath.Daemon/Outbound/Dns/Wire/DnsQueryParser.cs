using System.Buffers.Binary;

namespace Telepath.Daemon.Outbound.Dns.Wire;

/// <summary>Reads a query packet. Never throws: every malformed input becomes a refusal or a drop.</summary>
internal static class DnsQueryParser
{
    public const int HeaderLength = 12;
    public const int ClassicUdpSize = 512;

    public static DnsParseResult Parse(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < HeaderLength)
        {
            return DnsParseResult.Ignore();
        }

        var id = BinaryPrimitives.ReadUInt16BigEndian(packet);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if ((flags & 0x8000) != 0)
        {
            // A response sent to us: answering it could start a loop between two servers.
            return DnsParseResult.Ignore();
        }

        if (((flags >> 11) & 0xF) != 0)
        {
            return DnsParseResult.Refuse(id, DnsResponseCode.NotImplemented);
        }

        var questions = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        var answers = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        var authorities = BinaryPrimitives.ReadUInt16BigEndian(packet[8..]);
        var additionals = BinaryPrimitives.ReadUInt16BigEndian(packet[10..]);
        var offset = HeaderLength;
        if (questions != 1
            || !DnsNameReader.TryRead(packet, ref offset, out var labels)
            || offset + 4 > packet.Length)
        {
            return DnsParseResult.Refuse(id, DnsResponseCode.FormatError);
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
        var @class = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]);
        offset += 4;
        if (!TryReadEdns(packet, offset, answers + authorities, additionals, out var hasEdns, out var udpSize))
        {
            return DnsParseResult.Refuse(id, DnsResponseCode.FormatError);
        }

        var recursionDesired = (flags & 0x0100) != 0;
        return DnsParseResult.Ok(new DnsQuery(id, recursionDesired, labels, type, @class, hasEdns, udpSize));
    }

    /// <summary>Skips the records before the additional section and finds an OPT record (RFC 6891) in it.</summary>
    private static bool TryReadEdns(ReadOnlySpan<byte> packet, int offset, int skipped, int additionals, out bool hasEdns, out int udpSize)
    {
        hasEdns = false;
        udpSize = ClassicUdpSize;
        for (var index = 0; index < skipped + additionals; index++)
        {
            if (!DnsNameReader.TryRead(packet, ref offset, out _) || offset + 10 > packet.Length)
            {
                return false;
            }

            var type = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
            var @class = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]);
            var dataLength = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 8)..]);
            offset += 10 + dataLength;
            if (offset > packet.Length)
            {
                return false;
            }

            if (index >= skipped && type == DnsType.Opt)
            {
                hasEdns = true;
                udpSize = Math.Max(ClassicUdpSize, (int)@class);
            }
        }

        return true;
    }
}
