using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Telepath.Samples.Data;

namespace Telepath.Samples.Http;

internal static class SampleEndpoints
{
    public static void MapSampleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (ServedBy me) => $"hello from {me.Name}\n");
        // Any path under /whoami too, so tests of path conditions can tell who answered.
        app.MapGet("/whoami/{**rest}", (ServedBy me) => me.Name);
        app.MapPost("/upload", UploadAsync);
        app.MapGet("/download", DownloadAsync);
        app.MapGet("/slow", async (ServedBy me, int? ms, CancellationToken cancellationToken) =>
        {
            await Task.Delay(ms ?? 1000, cancellationToken);
            return me.Name;
        });
        app.Map("/ws", WebSocketEcho.RunAsync);
    }

    /// <summary>Hashes the body as it streams in, so a body of any size costs no memory.</summary>
    private static async Task<string> UploadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        long size = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            sha256.AppendData(buffer, 0, read);
            size += read;
        }

        return $"{size} {Convert.ToHexStringLower(sha256.GetHashAndReset())}";
    }

    private static async Task DownloadAsync(HttpResponse response, long? bytes, CancellationToken cancellationToken)
    {
        var length = bytes ?? 0;
        response.ContentType = "application/octet-stream";
        response.ContentLength = length;
        var source = new PseudoRandomBytes();
        var buffer = new byte[64 * 1024];
        for (var left = length; left > 0;)
        {
            var chunk = (int)Math.Min(buffer.Length, left);
            source.Fill(buffer.AsSpan(0, chunk));
            await response.Body.WriteAsync(buffer.AsMemory(0, chunk), cancellationToken);
            left -= chunk;
        }
    }
}
