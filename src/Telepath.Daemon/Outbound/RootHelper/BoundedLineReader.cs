using System.Text;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>A line as read: its text without the newline, or that it ran past the bound and was left unread.</summary>
internal readonly record struct BoundedLine(string? Text, bool TooLong)
{
    public static readonly BoundedLine Overflow = new(null, true);
}

/// <summary>
/// Lines of a stream, each at most a given number of bytes. What the reader holds is bounded by it: a
/// line that never ends costs one buffer of that size, and the rest of it is never read.
/// </summary>
internal sealed class BoundedLineReader(Stream stream, int maxLineBytes)
{
    private byte[] _buffer = new byte[Math.Min(4096, maxLineBytes + 1)];
    private int _start;
    private int _end;

    /// <returns>Null at the end of the stream. After <see cref="BoundedLine.TooLong"/> the stream is mid-line: stop reading it.</returns>
    public async Task<BoundedLine?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var scanned = _start;
        while (true)
        {
            var found = _buffer.AsSpan(scanned, _end - scanned).IndexOf((byte)'\n');
            if (found >= 0)
            {
                var line = Take(scanned + found - _start);
                _start = scanned + found + 1;
                return line;
            }

            if (_end - _start > maxLineBytes)
            {
                return BoundedLine.Overflow;
            }

            MakeRoom();
            scanned = _end;
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                // As StreamReader does: a last line without its newline is still a line.
                var last = _end > _start ? Take(_end - _start) : (BoundedLine?)null;
                _start = _end;
                return last;
            }

            _end += read;
        }
    }

    private BoundedLine Take(int length)
    {
        var bytes = _buffer.AsSpan(_start, length);
        return new BoundedLine(Encoding.UTF8.GetString(bytes.EndsWith("\r"u8) ? bytes[..^1] : bytes), false);
    }

    // Room for at least one more byte, never more than one byte past the bound in all: enough to tell a line is too long.
    private void MakeRoom()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, maxLineBytes + 1));
        }
    }
}
