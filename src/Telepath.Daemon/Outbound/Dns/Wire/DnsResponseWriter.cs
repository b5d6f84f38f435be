using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Telepath.Daemon.Outbound.Dns.Wire;

/// <summary>Writes the responses the resolver makes itself (RFC 1035 4.1).</summary>
internal static class DnsResponseWriter
{
    /// <summary>Cluster answers change live, so they are short-lived.</summary>
    public const uint Ttl = 5;

    /// <summary>What we announce over EDNS: the size that avoids fragmentation (DNS flag day 2020).</summary>
    public const ushort EdnsUdpSize = 1232;

    private const ushort NameOfQuestion = 0xC000 | DnsQueryParser.HeaderLength;

    /// <summary>A header-only answer for a query whose question could not be read.</summary>
    public static byte[] Refusal(ushort id, DnsResponseCode code)
    {
        var packet = new byte[DnsQueryParser.HeaderLength];
        BinaryPrimitives.WriteUInt16BigEndian(packet, id);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(0x8000 | (byte)code));
        return packet;
    }

    /// <param name="limit">The most bytes the client takes; a longer answer is sent truncated (TC) so it asks again over TCP.</param>
    public static byte[] Write(DnsQuery query, DnsAnswer answer, int limit)
    {
        var full = Build(query, answer, truncated: false);
        return full.Length <= limit ? full : Build(query, answer with { Addresses = [], SoaZone = null }, truncated: true);
    }

    private static byte[] Build(DnsQuery query, DnsAnswer answer, bool truncated)
    {
        var writer = new ArrayBufferWriter<byte>(512);
        var flags = 0x8000 | 0x0080 | (byte)answer.Code;
        flags |= answer.Authoritative ? 0x0400 : 0;
        flags |= truncated ? 0x0200 : 0;
        flags |= query.RecursionDesired ? 0x0100 : 0;
        WriteUInt16(writer, query.Id);
        WriteUInt16(writer, (ushort)flags);
        WriteUInt16(writer, 1);
        WriteUInt16(writer, (ushort)answer.Addresses.Count);
        WriteUInt16(writer, (ushort)(answer.SoaZone is null ? 0 : 1));
        WriteUInt16(writer, (ushort)(query.HasEdns ? 1 : 0));

        WriteName(writer, query.Labels);
        WriteUInt16(writer, query.Type);
        WriteUInt16(writer, query.Class);

        foreach (var address in answer.Addresses)
        {
            WriteUInt16(writer, NameOfQuestion);
            WriteUInt16(writer, address.AddressFamily == AddressFamily.InterNetwork ? DnsType.A : DnsType.Aaaa);
            WriteUInt16(writer, DnsType.ClassInternet);
            WriteUInt32(writer, Ttl);
            var bytes = address.GetAddressBytes();
            WriteUInt16(writer, (ushort)bytes.Length);
            writer.Write(bytes);
        }

        if (answer.SoaZone is { } zone)
        {
            WriteSoa(writer, zone);
        }

        if (query.HasEdns)
        {
            // OPT (RFC 6891 6.1.2): root owner, our UDP size as class, no extended flags, no options.
            writer.Write<byte>([0]);
            WriteUInt16(writer, DnsType.Opt);
            WriteUInt16(writer, EdnsUdpSize);
            WriteUInt32(writer, 0);
            WriteUInt16(writer, 0);
        }

        return writer.WrittenSpan.ToArray();
    }

    /// <summary>The zone's SOA, shaped like CoreDNS's for a cluster; its minimum (the negative TTL, RFC 2308) is <see cref="Ttl"/>.</summary>
    private static void WriteSoa(ArrayBufferWriter<byte> writer, string zone)
    {
        var zoneLabels = zone.Split('.', StringSplitOptions.RemoveEmptyEntries);
        WriteName(writer, zoneLabels);
        WriteUInt16(writer, DnsType.Soa);
        WriteUInt16(writer, DnsType.ClassInternet);
        WriteUInt32(writer, Ttl);

        var data = new ArrayBufferWriter<byte>(64);
        WriteName(data, ["ns", "dns", .. zoneLabels]);
        WriteName(data, ["hostmaster", .. zoneLabels]);
        WriteUInt32(data, 1);
        WriteUInt32(data, 7200);
        WriteUInt32(data, 1800);
        WriteUInt32(data, 86400);
        WriteUInt32(data, Ttl);
        WriteUInt16(writer, (ushort)data.WrittenCount);
        writer.Write(data.WrittenSpan);
    }

    private static void WriteName(ArrayBufferWriter<byte> writer, IEnumerable<string> labels)
    {
        foreach (var label in labels)
        {
            var bytes = Encoding.Latin1.GetBytes(label);
            writer.Write<byte>([(byte)bytes.Length]);
            writer.Write(bytes);
        }

        writer.Write<byte>([0]);
    }

    private static void WriteUInt16(ArrayBufferWriter<byte> writer, ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(writer.GetSpan(2), value);
        writer.Advance(2);
    }

    private static void WriteUInt32(ArrayBufferWriter<byte> writer, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }
}
