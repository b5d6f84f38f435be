using System.Buffers.Binary;
using System.Text;
using Telepath.Protocol.Manager;

namespace Telepath.Tunnels.Wire;

/// <summary>
/// The first bytes a laptop sends on a standby tunnel once it is joined: whether it reached the
/// intercept's target on the laptop. One byte 0 means connected, and the target's bytes follow; any
/// other byte is a <see cref="TunnelErrorCode"/>, then a 2-byte big-endian length and a UTF-8 message,
/// and the laptop sends nothing more. The manager passes it through unread; the agent reads it. It
/// travels in the data so the agent's first bytes need not wait for the laptop's dial.
/// </summary>
public static class DialReply
{
    private const byte ConnectedByte = 0;

    public static ValueTask WriteConnectedAsync(Stream tunnel, CancellationToken cancellationToken) =>
        tunnel.WriteAsync(new[] { ConnectedByte }, cancellationToken);

    public static ValueTask WriteFailedAsync(Stream tunnel, TunnelErrorCode code, string message, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetBytes(message);
        var length = Math.Min(text.Length, TunnelWire.MaxMessageBytes);
        var reply = new byte[3 + length];
        reply[0] = (byte)code;
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(1), (ushort)length);
        text.AsSpan(0, length).CopyTo(reply.AsSpan(3));
        return tunnel.WriteAsync(reply, cancellationToken);
    }

    /// <summary>Reads a reply from the bytes received so far.</summary>
    /// <param name="consumed">How many bytes of <paramref name="received"/> the reply took (data may follow a connected reply).</param>
    /// <returns>Null while more bytes are needed; otherwise null code for connected, or the refusal.</returns>
    public static Parsed? TryParse(ReadOnlySpan<byte> received, out int consumed)
    {
        consumed = 0;
        if (received.IsEmpty)
        {
            return null;
        }

        if (received[0] == ConnectedByte)
        {
            consumed = 1;
            return new Parsed(null, "");
        }

        if (received.Length < 3)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(received[1..]);
        if (length > TunnelWire.MaxMessageBytes)
        {
            consumed = received.Length;
            return new Parsed((TunnelErrorCode)received[0], "the laptop's reply was malformed (message too long)");
        }

        if (received.Length < 3 + length)
        {
            return null;
        }

        consumed = 3 + length;
        return new Parsed((TunnelErrorCode)received[0], Printable(received.Slice(3, length)));
    }

    /// <summary>The message is shown to users and written to logs: no control characters from the wire.</summary>
    internal static string Printable(ReadOnlySpan<byte> utf8)
    {
        var text = Encoding.UTF8.GetString(utf8);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }

    /// <param name="Refusal">Null: the laptop connected to its target.</param>
    public readonly record struct Parsed(TunnelErrorCode? Refusal, string Message);
}
