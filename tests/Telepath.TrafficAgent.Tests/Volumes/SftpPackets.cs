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
    public const byte Read = 5;
    public const byte Lstat = 7;
    public const byte Remove = 13;
    public const byte Mkdir = 14;
    public const byte Stat = 17;
    public const byte Rename = 18;
    public const byte Readlink = 19;
    public const byte Symlink = 20;
    public const byte Status = 101;
    public const byte Handle = 102;
    public const byte Data = 103;
    public const byte Extended = 200;

    /// <summary>SSH_FXF_READ.</summary>
    public const uint ReadOnly = 0x01;

    /// <summary>SSH_FXF_WRITE | SSH_FXF_CREAT | SSH_FXF_TRUNC.</summary>
    public const uint WriteCreateTruncate = 0x02 | 0x08 | 0x10;

    /// <summary>SSH_FXP_INIT asking for version 3.</summary>
    public static byte[] InitV3() => Packet(Init, Uint(3));

    /// <summary>SSH_FXP_OPEN of <paramref name="path"/> with the flags and no attributes.</summary>
    public static byte[] OpenFile(uint requestId, string path, uint flags) =>
        Packet(Open, Uint(requestId), String(path), Uint(flags), Uint(0));

    /// <summary>A request whose fields are only paths (STAT, LSTAT, REMOVE, RENAME, SYMLINK...).</summary>
    public static byte[] PathRequest(byte type, uint requestId, params string[] paths) =>
        Packet(type, [Uint(requestId), .. paths.Select(String)]);

    /// <summary>SSH_FXP_MKDIR of <paramref name="path"/> with no attributes.</summary>
    public static byte[] MakeDirectory(uint requestId, string path) => Packet(Mkdir, Uint(requestId), String(path), Uint(0));

    /// <summary>SSH_FXP_EXTENDED <paramref name="name"/> with string fields after it.</summary>
    public static byte[] ExtendedRequest(uint requestId, string name, params string[] fields) =>
        Packet(Extended, [Uint(requestId), String(name), .. fields.Select(String)]);

    /// <summary>SSH_FXP_READ of up to <paramref name="length"/> bytes from the start of an open handle.</summary>
    public static byte[] ReadFile(uint requestId, byte[] handle, uint length) =>
        Packet(Read, Uint(requestId), [.. Uint((uint)handle.Length), .. handle], new byte[8], Uint(length));

    /// <summary>Any packet, its fields given as raw bytes: also the malformed ones.</summary>
    public static byte[] Raw(byte type, params byte[][] fields) => Packet(type, fields);

    /// <summary>The string after the request id of an SSH_FXP_HANDLE or SSH_FXP_DATA body.</summary>
    public static byte[] StringAfterId(byte[] body) => body[8..(8 + (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(4)))];

    /// <summary>The request id a reply answers.</summary>
    public static uint RequestId(byte[] body) => BinaryPrimitives.ReadUInt32BigEndian(body);

    /// <summary>The message of an SSH_FXP_STATUS body.</summary>
    public static string StatusMessage(byte[] body) =>
        Encoding.UTF8.GetString(body, 12, (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(8)));

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

    public static byte[] Uint(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] String(string value) => [.. Uint((uint)Encoding.UTF8.GetByteCount(value)), .. Encoding.UTF8.GetBytes(value)];
}
