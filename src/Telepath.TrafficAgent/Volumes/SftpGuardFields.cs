using System.Buffers.Binary;

namespace Telepath.TrafficAgent.Volumes;

/// <summary>
/// Reads an SFTP packet's fields in order (draft-ietf-secsh-filexfer-02: big-endian uint32s, strings as a
/// uint32 length and the bytes). Running past the end throws: a request cut short is malformed.
/// </summary>
internal ref struct SftpGuardFields(ReadOnlySpan<byte> packet)
{
    private ReadOnlySpan<byte> _rest = packet;

    public byte Byte() => Take(1)[0];

    public uint Uint32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public ReadOnlySpan<byte> String()
    {
        var length = Uint32();
        return length > (uint)_rest.Length ? throw new SftpGuardException($"a string of {length} bytes runs past the packet's end") : Take((int)length);
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_rest.Length < count)
        {
            throw new SftpGuardException("the packet ends inside a field");
        }

        var taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }
}
