namespace Telepath.TrafficAgent.Http1;

/// <summary>How a message body is delimited (RFC 9112 section 6).</summary>
internal enum BodyKind
{
    None,
    ContentLength,
    Chunked,

    /// <summary>A response with neither length nor chunking: its body ends when the connection does.</summary>
    UntilClose,
}

internal readonly record struct BodyFraming(BodyKind Kind, long Length)
{
    public static BodyFraming None { get; } = new(BodyKind.None, 0);

    public static BodyFraming Chunked { get; } = new(BodyKind.Chunked, 0);

    public static BodyFraming UntilClose { get; } = new(BodyKind.UntilClose, 0);

    public static BodyFraming Of(long length) => length == 0 ? None : new(BodyKind.ContentLength, length);
}
