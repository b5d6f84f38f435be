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
    [InlineData("GET / HTTP/1.0\n", SniffedProtocol.Http1)]
    [InlineData("CONNECT orders.shop:443 HTTP/1.1\r\n", SniffedProtocol.Http1)]
    // Text protocols whose commands are a word and a space: not HTTP, whatever the word.
    [InlineData("SET counter 1\r\n", SniffedProtocol.Other)]
    [InlineData("get key\r\n", SniffedProtocol.Other)]
    [InlineData("GET / HTTP/2.0\r\n", SniffedProtocol.Other)]
    // Random bytes that happen to start with a letter and a space (a CI run met "A \xcb(").
    [InlineData("A \u00cb(\u0008\r\nmore", SniffedProtocol.Other)]
    public void The_first_bytes_tell_the_protocol(string first, SniffedProtocol expected)
    {
        Assert.Equal(expected, ProtocolSniffer.Classify(Bytes(first)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("GE")]
    [InlineData("PRI * HTTP/2.0\r\n")]
    [InlineData("GET /orders?id=1 HTTP/1.")]
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

    [Fact]
    public void A_first_line_longer_than_Kestrel_takes_without_its_end_is_not_http()
    {
        Assert.Equal(SniffedProtocol.Other, ProtocolSniffer.Classify(Bytes("A " + new string('x', 8192))));
    }

    [Fact]
    public void A_request_line_split_across_segments_is_still_http1()
    {
        var first = new Segment("GET /orders HT"u8.ToArray());
        var last = first.Append("TP/1.1\r\nHost: orders\r\n"u8.ToArray());

        Assert.Equal(SniffedProtocol.Http1, ProtocolSniffer.Classify(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length)));
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
