using System.Buffers.Binary;
using System.Text;

namespace Telepath.TrafficAgent.Tests.Volumes;

/// <summary>
/// The few SFTP version 3 packets the tests send by hand (draft-ietf-secsh-filexfer-02): each is a
/// 4-byte big-endian length, a type byte, then its fields; strings are a 4-byte length and the bytes.
/// </summary>
internal static class SftpPackets
{
    public const byte Init = 1;
    public const byte Version = 2;
    public const byte Open = 3;
    public const byte Status = 101;
    public const byte Handle = 102;

    /// <summary>SSH_FXF_WRITE | SSH_FXF_CREAT | SSH_FXF_TRUNC.</summary>
    public const uint WriteCreateTruncate = 0x02 | 0x08 | 0x10;

    /// <summary>SSH_FXP_INIT asking for version 3.</summary>
    public static byte[] InitV3() => Packet(Init, Uint(3));

    /// <summary>SSH_FXP_OPEN of <paramref name="path"/> with the flags and no attributes.</summary>
    public static byte[] OpenFile(uint requestId, string path, uint flags) =>
        Packet(Open, Uint(requestId), String(path), Uint(flags), Uint(0));

    /// <summary>Reads one packet: its type and the bytes after the type.</summary>
    public static async Task<(byte Type, byte[] Body)> ReadAsync(Stream stream)
    {
        var length = new byte[4];
        await stream.ReadExactlyAsync(length);
        var packet = new byte[BinaryPrimitives.ReadUInt32BigEndian(length)];
        await stream.ReadExactlyAsync(packet);
        return (packet[0], packet[1..]);
    }

    /// <summary>The status code of an SSH_FXP_STATUS body (after its request id).</summary>
    public static uint StatusCode(byte[] body) => BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(4));

    private static byte[] Packet(byte type, params byte[][] fields)
    {
        var body = fields.SelectMany(f => f).ToArray();
        return [.. Uint((uint)body.Length + 1), type, .. body];
    }

    private static byte[] Uint(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] String(string value) => [.. Uint((uint)Encoding.UTF8.GetByteCount(value)), .. Encoding.UTF8.GetBytes(value)];
}
