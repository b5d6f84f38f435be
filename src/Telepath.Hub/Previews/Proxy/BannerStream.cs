namespace Telepath.Hub.Previews.Proxy;

/// <summary>
/// Passes an HTML body through to <paramref name="inner"/> while it streams, and puts the banner before the last
/// `&lt;/body&gt;` (ASCII, any case), or at the end when there is none. Only a tail is held back: from the last
/// `&lt;/body&gt;` seen (a later one may follow), else the few bytes that could be the start of one. A tail that
/// grows past <see cref="MaxHeldBack"/> is let go, and the banner then goes at the end.
/// </summary>
public sealed class BannerStream(Stream inner, byte[] banner) : Stream
{
    public const int MaxHeldBack = 64 * 1024;

    private static readonly byte[] s_closeBody = "</body>"u8.ToArray();

    private byte[] _held = new byte[1024];
    private int _heldLength;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Hold(buffer.Span);
        var release = Releasable();
        if (release > 0)
        {
            await inner.WriteAsync(_held.AsMemory(0, release), cancellationToken);
            _held.AsSpan(release, _heldLength - release).CopyTo(_held);
            _heldLength -= release;
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("the proxy writes asynchronously");

    /// <summary>The body has ended: writes what was held back, with the banner in its place.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        var held = _held.AsMemory(0, _heldLength);
        var at = LastCloseBody(held.Span);
        var split = at < 0 ? _heldLength : at;
        await inner.WriteAsync(held[..split], cancellationToken);
        await inner.WriteAsync(banner, cancellationToken);
        await inner.WriteAsync(held[split..], cancellationToken);
        _heldLength = 0;
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Hold(ReadOnlySpan<byte> bytes)
    {
        if (_heldLength + bytes.Length > _held.Length)
        {
            Array.Resize(ref _held, Math.Max(_held.Length * 2, _heldLength + bytes.Length));
        }

        bytes.CopyTo(_held.AsSpan(_heldLength));
        _heldLength += bytes.Length;
    }

    /// <summary>How many held bytes can go out now.</summary>
    private int Releasable()
    {
        var held = _held.AsSpan(0, _heldLength);
        var at = LastCloseBody(held);
        if (at >= 0 && _heldLength - at <= MaxHeldBack)
        {
            return at;
        }

        // No `</body>` to wait behind (or one too far back): keep only what could begin the next one.
        return Math.Max(0, _heldLength - (s_closeBody.Length - 1));
    }

    private static int LastCloseBody(ReadOnlySpan<byte> held)
    {
        for (var i = held.Length - s_closeBody.Length; i >= 0; i--)
        {
            if (IsCloseBodyAt(held, i))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsCloseBodyAt(ReadOnlySpan<byte> held, int index)
    {
        for (var j = 0; j < s_closeBody.Length; j++)
        {
            var b = held[index + j];
            // ASCII lower-casing; bytes of other characters never fold into these.
            if ((b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b) != s_closeBody[j])
            {
                return false;
            }
        }

        return true;
    }
}
