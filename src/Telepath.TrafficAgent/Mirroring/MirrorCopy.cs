using System.Buffers.Binary;
using System.Net.Http.Headers;

namespace Telepath.TrafficAgent.Mirroring;

/// <summary>
/// One request as the mirrors replay it: its head, and its body up to the limit. A cut body is sent
/// with its cut length and <see cref="TruncatedHeader"/>.
/// </summary>
internal sealed class MirrorCopy(string method, string target, Version version, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body, bool truncated)
{
    public const string TruncatedHeader = "x-telepath-mirror-truncated";

    // Hop-by-hop, or recomputed for the copy's own body.
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "content-length", "host", "expect",
    };

    public string Method { get; } = method;

    /// <summary>Path and query, as received.</summary>
    public string Target { get; } = target;

    public Version Version { get; } = version;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = headers;

    public ReadOnlyMemory<byte> Body { get; } = body;

    public bool Truncated { get; } = truncated;

    /// <summary>The app's status code, once its answer is known (for the request log).</summary>
    public int AppStatus { get; set; }

    /// <summary>Some client watches the workload's requests: the copy's answer is logged.</summary>
    public bool Watched { get; init; }

    public string Protocol => Version.Major >= 2 ? "h2" : "http/1.1";

    private string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>
    /// Why this request is not mirrored, or null when it is. gRPC is mirrored only when its request is
    /// one whole message (unary or server streaming): a cut or client-streamed one could not be replayed.
    /// </summary>
    public string? NotMirrored()
    {
        var contentType = Header("content-type");
        if (contentType is null || !contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (Truncated)
        {
            return "a gRPC request longer than the mirror's body limit";
        }

        var body = Body.Span;
        return body.Length >= 5 && BinaryPrimitives.ReadUInt32BigEndian(body[1..5]) == body.Length - 5
            ? null
            : "a streaming gRPC request (more than one message)";
    }

    /// <summary>This copy for a mirror whose body limit may be lower than the longest a capture kept.</summary>
    public MirrorCopy CutTo(long limit) =>
        Body.Length <= limit ? this : new MirrorCopy(Method, Target, Version, Headers, Body[..(int)limit], truncated: true) { AppStatus = AppStatus, Watched = Watched };

    /// <summary>The copy as a request to <paramref name="prefix"/> (http://host:port of the laptop's target).</summary>
    public HttpRequestMessage ToRequest(string prefix)
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), prefix + Target)
        {
            Version = Version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var content = new ReadOnlyMemoryContent(Body);
        var hasBody = !Body.IsEmpty || Header("content-length") is not null || Header("transfer-encoding") is not null;
        foreach (var (name, value) in Headers)
        {
            if (name.StartsWith(':') || Skipped.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (Header("host") is { } host)
        {
            request.Headers.Host = host;
        }

        if (Truncated)
        {
            request.Headers.TryAddWithoutValidation(TruncatedHeader, "1");
        }

        if (hasBody)
        {
            content.Headers.ContentLength = Body.Length;
            request.Content = content;
        }
        else
        {
            content.Dispose();
        }

        return request;
    }
}
