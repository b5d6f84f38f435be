using System.Buffers;
using System.Text;
using Telepath.ProtocolSniffing;

namespace Telepath.ProtocolSniffing.Tests;

public sealed class ProtocolSnifferTests
{
    [Theory]
    [InlineData("GET / HTTP/1.1\r\n", SniffedProtocol.Http1)]
    [InlineData("POST /upload HTTP/1.1\r\n", SniffedProtocol.Http1)]
    [InlineData("M-SEARCH * HTTP/1.1\r\n", SniffedProtocol.Http1)]
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", SniffedProtocol.Http2)]
    [InlineData("\u0016\u0003\u0001 tls hello", SniffedProtocol.Other)]
    [InlineData(" leading space", SniffedProtocol.Other)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", SniffedProtocol.Other)]
    public void The_first_bytes_tell_the_protocol(string first, SniffedProtocol expected)
    {
        Assert.Equal(expected, ProtocolSniffer.Classify(Bytes(first)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("GE")]
    [InlineData("PRI * HTTP/2.0\r\n")]
    public void Too_few_bytes_ask_for_more(string first)
    {
        Assert.Null(ProtocolSniffer.Classify(Bytes(first)));
    }

    [Fact]
    public void A_preface_split_across_segments_is_still_http2()
    {
        var first = new Segment("PRI * HTTP/2.0\r\n"u8.ToArray());
        var last = first.Append("\r\nSM\r\n\r\n"u8.ToArray());

        Assert.Equal(SniffedProtocol.Http2, ProtocolSniffer.Classify(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length)));
    }

    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.Latin1.GetBytes(text));

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes) => Memory = bytes;

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
