namespace Telepath.Samples.Data;

/// <summary>
/// The bytes `GET /download` sends: pseudo-random (so no layer can compress them) and the same on
/// every call, so a client can check what it received by generating them itself.
/// </summary>
public sealed class PseudoRandomBytes
{
    // xorshift64*: fast, and fixed here rather than System.Random so the sequence never changes.
    private ulong _state = 0x9E3779B97F4A7C15;

    public void Fill(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            _state ^= _state >> 12;
            _state ^= _state << 25;
            _state ^= _state >> 27;
            buffer[i] = (byte)((_state * 0x2545F4914F6CDD1DUL) >> 56);
        }
    }
}
