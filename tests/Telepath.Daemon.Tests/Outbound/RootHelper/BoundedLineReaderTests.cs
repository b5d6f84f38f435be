using System.Text;
using Telepath.Daemon.Outbound.RootHelper;

namespace Telepath.Daemon.Tests.Outbound.RootHelper;

public sealed class BoundedLineReaderTests
{
    [Fact]
    public async Task Lines_come_one_at_a_time_without_their_line_ends_and_a_last_line_needs_none()
    {
        var reader = new BoundedLineReader(new MemoryStream("one\ntwo\r\n\nthree"u8.ToArray()), 16);

        var lines = new List<string?>();
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
        {
            lines.Add(line.Text);
        }

        Assert.Equal(["one", "two", "", "three"], lines);
    }

    [Fact]
    public async Task A_line_as_long_as_the_bound_is_read_and_a_longer_one_is_not()
    {
        var exact = new string('a', 4096);
        var reader = new BoundedLineReader(new MemoryStream(Encoding.ASCII.GetBytes($"{exact}\n{exact}b\nnext\n")), 4096);

        Assert.Equal(new BoundedLine(exact, false), await reader.ReadLineAsync(CancellationToken.None));
        Assert.Equal(BoundedLine.Overflow, await reader.ReadLineAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_line_that_never_ends_is_refused_after_reading_little_more_than_the_bound()
    {
        var endless = new EndlessStream();
        var reader = new BoundedLineReader(endless, 64 * 1024);

        var line = await reader.ReadLineAsync(CancellationToken.None);

        Assert.Equal(BoundedLine.Overflow, line);
        // One byte past the bound tells the line is too long; nothing after it is taken.
        Assert.Equal(64 * 1024 + 1, endless.Taken);
    }

    /// <summary>'a' for ever, counting what was taken.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Taken { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Taken; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'a');
            Taken += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
