using System.Buffers.Binary;
using System.Text;
using Telepath.TrafficAgent.Mirroring;
using static Telepath.TrafficAgent.Tests.Infrastructure.TestIntercepts;

namespace Telepath.TrafficAgent.Tests.Mirroring;

/// <summary>A mirror's copy of a request: its body up to the limit, cut and marked beyond, and what is not mirrored.</summary>
public sealed class MirrorCopyTests
{
    [Fact]
    public void A_capture_keeps_a_body_within_the_limit_whole()
    {
        var capture = new MirrorCapture(10);
        capture.Append("hello"u8);
        capture.Append("world"u8);

        Assert.False(capture.Truncated);
        Assert.Equal("helloworld", Encoding.ASCII.GetString(capture.Bytes.Span));
    }

    [Fact]
    public void A_capture_cuts_a_longer_body_at_the_limit_and_marks_it()
    {
        var capture = new MirrorCapture(7);
        capture.Append("hello"u8);
        capture.Append("world"u8);
        capture.Append("again"u8);

        Assert.True(capture.Truncated);
        Assert.Equal("hellowo", Encoding.ASCII.GetString(capture.Bytes.Span));
    }

    [Fact]
    public void A_chunked_body_is_decoded_and_a_cut_one_as_far_as_it_goes()
    {
        var whole = ChunkedBody.Decode("5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"u8);
        var cut = ChunkedBody.Decode("5\r\nhello\r\n6\r\n wo"u8);

        Assert.True(whole.Complete);
        Assert.Equal("hello world", Encoding.ASCII.GetString(whole.Data));
        Assert.False(cut.Complete);
        Assert.Equal("hello wo", Encoding.ASCII.GetString(cut.Data));
    }

    [Fact]
    public async Task The_copy_carries_the_head_and_body_without_hop_by_hop_headers()
    {
        var copy = new MirrorCopy("POST", "/orders?x=1", System.Net.HttpVersion.Version11,
            [new("Host", "orders"), new("Content-Type", "application/json"), new("Transfer-Encoding", "chunked"), new("Connection", "keep-alive"), new("x-user", "alice")],
            "{}"u8.ToArray(), truncated: false);

        using var request = copy.ToRequest("http://127.0.0.1:8080");

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://127.0.0.1:8080/orders?x=1", request.RequestUri!.ToString());
        Assert.Equal("orders", request.Headers.Host);
        Assert.Equal("alice", Assert.Single(request.Headers.GetValues("x-user")));
        Assert.False(request.Headers.Contains("Connection"));
        Assert.Null(request.Headers.TransferEncodingChunked);
        Assert.False(request.Headers.Contains(MirrorCopy.TruncatedHeader));
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.ToString());
        Assert.Equal(2, request.Content.Headers.ContentLength);
        Assert.Equal("{}", await request.Content.ReadAsStringAsync());
    }

    [Fact]
    public void A_cut_copy_is_marked_and_declares_its_cut_length()
    {
        var copy = new MirrorCopy("POST", "/", System.Net.HttpVersion.Version11, [new("Content-Length", "100")], new byte[100], truncated: false).CutTo(10);

        using var request = copy.ToRequest("http://127.0.0.1:8080");

        Assert.True(copy.Truncated);
        Assert.Equal("1", Assert.Single(request.Headers.GetValues(MirrorCopy.TruncatedHeader)));
        Assert.Equal(10, request.Content!.Headers.ContentLength);
    }

    [Fact]
    public void Unary_grpc_is_mirrored_and_streaming_or_cut_grpc_is_not()
    {
        KeyValuePair<string, string>[] grpc = [new("content-type", "application/grpc")];
        var one = Message(3);
        byte[] two = [.. Message(3), .. Message(2)];

        Assert.Null(new MirrorCopy("POST", "/s/M", System.Net.HttpVersion.Version20, grpc, one, false).NotMirrored());
        Assert.Contains("streaming gRPC", new MirrorCopy("POST", "/s/M", System.Net.HttpVersion.Version20, grpc, two, false).NotMirrored());
        Assert.Contains("body limit", new MirrorCopy("POST", "/s/M", System.Net.HttpVersion.Version20, grpc, one, true).NotMirrored());
        Assert.Null(new MirrorCopy("POST", "/", System.Net.HttpVersion.Version20, [new("content-type", "text/plain")], two, true).NotMirrored());
    }

    [Fact]
    public void Mirrors_are_never_chosen_for_routing_and_each_matching_one_gets_a_copy()
    {
        var routes = Compile(Mirror("all"), Mirror("alice", [("x-user", "alice")]), Intercept("mine", [("x-user", "alice")]));

        Assert.Null(routes.Global);
        Assert.Equal("mine", Assert.Single(routes.Personal).Name);
        Assert.Null(routes.Match(Request("/")));
        Assert.Equal("mine", routes.Match(Request("/", ("x-user", "alice")))?.Name);
        Assert.Equal(["all"], routes.MatchMirrors(Request("/")).Select(m => m.Name));
        Assert.Equal(["all", "alice"], routes.MatchMirrors(Request("/", ("x-user", "alice"))).Select(m => m.Name));
    }

    private static byte[] Message(int length)
    {
        var message = new byte[5 + length];
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(1), (uint)length);
        return message;
    }

    private static Protocol.Manager.InterceptInfo Mirror(string name, (string Name, string Regex)[]? headers = null)
    {
        var info = Intercept(name, headers);
        info.Spec.Mirror = true;
        return info;
    }
}
