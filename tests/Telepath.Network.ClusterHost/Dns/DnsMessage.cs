using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Telepath.Network.ClusterHost.Dns;

/// <summary>Just enough of RFC 1035 for a stub resolver's one-question query and its answer.</summary>
internal static class DnsMessage
{
    public const ushort TypeA = 1;
    private const int HeaderLength = 12;
    private const uint Ttl = 5;

    /// <summary>The question's name and type, and where the question section ends; null when it is not a one-question query.</summary>
    public static (string Name, ushort Type, int End)? ReadQuestion(ReadOnlySpan<byte> query)
    {
        if (query.Length < HeaderLength || BinaryPrimitives.ReadUInt16BigEndian(query[4..]) != 1)
        {
            return null;
        }

        var name = new StringBuilder();
        var i = HeaderLength;
        while (i < query.Length && query[i] != 0)
        {
            var length = query[i];
            if (length > 63 || i + 1 + length >= query.Length)
            {
                return null;
            }

            name.Append(Encoding.ASCII.GetString(query.Slice(i + 1, length))).Append('.');
            i += 1 + length;
        }

        return i + 5 <= query.Length ? (name.ToString(), BinaryPrimitives.ReadUInt16BigEndian(query[(i + 1)..]), i + 5) : null;
    }

    /// <summary>
    /// The answer: NXDOMAIN for null, else NOERROR with one A record per address for an A question
    /// and no record for any other type (an IPv4-only name has no AAAA).
    /// </summary>
    public static byte[] Answer(ReadOnlySpan<byte> query, int questionEnd, ushort type, IReadOnlyList<IPAddress>? addresses)
    {
        var records = type == TypeA ? addresses ?? [] : [];
        var answer = new byte[questionEnd + (records.Count * 16)];
        query[..questionEnd].CopyTo(answer);
        // A response, recursion desired and available; NOERROR or NXDOMAIN.
        BinaryPrimitives.WriteUInt16BigEndian(answer.AsSpan(2), (ushort)(0x8180 | (addresses is null ? 3 : 0)));
        BinaryPrimitives.WriteUInt16BigEndian(answer.AsSpan(6), (ushort)records.Count);
        BinaryPrimitives.WriteUInt32BigEndian(answer.AsSpan(8), 0); // no authority, no additional
        var at = questionEnd;
        foreach (var address in records)
        {
            var record = answer.AsSpan(at);
            BinaryPrimitives.WriteUInt16BigEndian(record, 0xC00C); // the name: a pointer to the question's
            BinaryPrimitives.WriteUInt16BigEndian(record[2..], TypeA);
            BinaryPrimitives.WriteUInt16BigEndian(record[4..], 1); // IN
            BinaryPrimitives.WriteUInt32BigEndian(record[6..], Ttl);
            BinaryPrimitives.WriteUInt16BigEndian(record[10..], 4);
            address.GetAddressBytes().CopyTo(record[12..]);
            at += 16;
        }

        return answer;
    }
}
