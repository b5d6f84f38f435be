namespace Telepath.TrafficAgent.Http1;

/// <summary>
/// Follows a chunked body (RFC 9112 section 7.1) byte by byte to find where it ends, so the bytes can
/// be forwarded as they are without being decoded. Malformed framing throws: the exchange is cut, as
/// the receiving server would refuse it too.
/// </summary>
internal struct ChunkedScanner
{
    private const int MaxSizeDigits = 15;
    private const int MaxLineLength = 8 * 1024;
    private const int MaxTrailerLength = 64 * 1024;

    private State _state;
    private long _remaining;
    private int _digits;
    private int _lineLength;
    private int _trailerLength;

    private enum State
    {
        Size,
        Extension,
        SizeLf,
        Data,
        DataCr,
        DataLf,
        TrailerStart,
        Trailer,
        TrailerLf,
        FinalLf,
        Done,
    }

    public readonly bool Done => _state == State.Done;

    /// <returns>How many bytes of <paramref name="span"/> belong to the body (all of them until it ends).</returns>
    /// <exception cref="InvalidDataException">The bytes are not a chunked body.</exception>
    public int Scan(ReadOnlySpan<byte> span)
    {
        var i = 0;
        while (i < span.Length && _state != State.Done)
        {
            if (_state == State.Data)
            {
                var take = (int)Math.Min(_remaining, span.Length - i);
                _remaining -= take;
                i += take;
                if (_remaining == 0)
                {
                    _state = State.DataCr;
                }

                continue;
            }

            Step(span[i++]);
        }

        return i;
    }

    private void Step(byte b)
    {
        switch (_state)
        {
            case State.Size when IsHex(b):
                if (++_digits > MaxSizeDigits)
                {
                    throw Malformed("chunk size too large");
                }

                _remaining = (_remaining << 4) | (uint)Hex(b);
                break;
            case State.Size when _digits > 0 && b is (byte)';' or (byte)' ' or (byte)'\t':
                _state = State.Extension;
                break;
            case State.Size when _digits > 0 && b == (byte)'\r':
                _state = State.SizeLf;
                break;
            case State.Extension when b == (byte)'\r':
                _state = State.SizeLf;
                break;
            case State.Extension when b != (byte)'\n' && ++_lineLength < MaxLineLength:
                break;
            case State.SizeLf when b == (byte)'\n':
                _digits = 0;
                _lineLength = 0;
                _state = _remaining == 0 ? State.TrailerStart : State.Data;
                break;
            case State.DataCr when b == (byte)'\r':
                _state = State.DataLf;
                break;
            case State.DataLf when b == (byte)'\n':
                _state = State.Size;
                break;
            case State.TrailerStart when b == (byte)'\r':
                _state = State.FinalLf;
                break;
            case State.TrailerStart or State.Trailer when b == (byte)'\r':
                _state = State.TrailerLf;
                break;
            case State.TrailerStart or State.Trailer when b != (byte)'\n' && ++_trailerLength < MaxTrailerLength:
                _state = State.Trailer;
                break;
            case State.TrailerLf when b == (byte)'\n':
                _state = State.TrailerStart;
                break;
            case State.FinalLf when b == (byte)'\n':
                _state = State.Done;
                break;
            default:
                throw Malformed($"unexpected byte 0x{b:x2} in state {_state}");
        }
    }

    private static bool IsHex(byte c) => c is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');

    private static int Hex(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static InvalidDataException Malformed(string why) => new($"malformed chunked body: {why}");
}
