using System.Net;

namespace Telepath.Testing.Http;

/// <summary>A request body sent in pieces with no length declared, as a streaming client (gRPC, an upload from a pipe) sends one.</summary>
public sealed class StreamedContent(byte[] body, int pieceSize = 16 * 1024) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var at = 0; at < body.Length; at += pieceSize)
        {
            await stream.WriteAsync(body.AsMemory(at, Math.Min(pieceSize, body.Length - at)));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
