using System.Buffers.Binary;
using System.Text;

namespace Telepath.TrafficAgent.Volumes;

/// <summary>Whole SFTP packets: read off the laptop's stream one at a time, and the refusal the guard answers with.</summary>
internal static class SftpGuardPackets
{
    /// <summary>
    /// sftp-server's own limit is 256 KiB (SFTP_MAX_MSG_LENGTH) and it exits on longer ones; the margin
    /// keeps the guard from being the stricter one. The bound is what keeps a laptop from making the agent
    /// buffer gigabytes for one length field.
    /// </summary>
    public const int MaxLength = (256 * 1024) + 1024;

    public const byte Init = 1;
    public const byte Status = 101;
    public const uint PermissionDenied = 3;

    /// <summary>
    /// The next packet with its length prefix, as it goes on to sftp-server; null when the laptop ended its
    /// input between packets.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var prefix = new byte[4];
        var got = await stream.ReadAtLeastAsync(prefix, 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }

        if (got < 4)
        {
            throw new SftpGuardException("the laptop's input ends inside a packet's length");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        if (length is 0 or > MaxLength)
        {
            throw new SftpGuardException($"a packet of {length} bytes (at most {MaxLength})");
        }

        var packet = new byte[4 + length];
        prefix.CopyTo(packet, 0);
        try
        {
            await stream.ReadExactlyAsync(packet.AsMemory(4), cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            throw new SftpGuardException("the laptop's input ends inside a packet");
        }

        return packet;
    }

    /// <summary>SSH_FXP_STATUS with SSH_FX_PERMISSION_DENIED for request <paramref name="id"/>: what the laptop sees instead of an answer.</summary>
    public static byte[] Denied(uint id, string message)
    {
        var text = Encoding.UTF8.GetBytes(message);
        var packet = new byte[4 + 1 + 4 + 4 + 4 + text.Length + 4];
        var span = packet.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)(packet.Length - 4));
        span[4] = Status;
        BinaryPrimitives.WriteUInt32BigEndian(span[5..], id);
        BinaryPrimitives.WriteUInt32BigEndian(span[9..], PermissionDenied);
        BinaryPrimitives.WriteUInt32BigEndian(span[13..], (uint)text.Length);
        text.CopyTo(span[17..]);
        // The language tag stays empty: the trailing zero length.
        return packet;
    }
}
