using System.Collections.Concurrent;
using System.Security.Cryptography;
using Telepath.Samples.Data;

namespace Telepath.EndToEnd.Tests.Clients;

/// <summary>
/// Bodies of any length made of the sample's pseudo-random bytes (what its `GET /download` sends),
/// written, read and hashed as they stream, so 100 MB costs no 100 MB of memory.
/// </summary>
public static class BulkBytes
{
    public const long HundredMegabytes = 100L * 1024 * 1024;

    private const int ChunkSize = 64 * 1024;
    private static readonly ConcurrentDictionary<long, Lazy<string>> s_hashes = new();

    /// <summary>The SHA-256 (lower-case hex) of the first <paramref name="count"/> pseudo-random bytes.</summary>
    public static string Sha256(long count) =>
        s_hashes.GetOrAdd(count, n => new Lazy<string>(() => HashOf(n))).Value;

    /// <summary>Writes the first <paramref name="count"/> pseudo-random bytes, counting them into <paramref name="progress"/> as they go.</summary>
    public static async Task WriteAsync(Stream into, long count, Action<int>? progress, CancellationToken cancellationToken)
    {
        var source = new PseudoRandomBytes();
        var buffer = new byte[ChunkSize];
        for (var left = count; left > 0;)
        {
            var chunk = (int)Math.Min(buffer.Length, left);
            source.Fill(buffer.AsSpan(0, chunk));
            await into.WriteAsync(buffer.AsMemory(0, chunk), cancellationToken);
            progress?.Invoke(chunk);
            left -= chunk;
        }
    }

    public static async Task WriteFileAsync(string path, long count)
    {
        await using var file = File.Create(path);
        await WriteAsync(file, count, progress: null, CancellationToken.None);
    }

    /// <summary>Reads to the end, hashing; returns the SHA-256 (lower-case hex) of what was read.</summary>
    public static async Task<string> ReadToEndAsync(Stream from, Action<int>? progress, CancellationToken cancellationToken)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[ChunkSize];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            sha256.AppendData(buffer, 0, read);
            progress?.Invoke(read);
        }

        return Convert.ToHexStringLower(sha256.GetHashAndReset());
    }

    public static async Task<string> FileSha256Async(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
    }

    private static string HashOf(long count)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var source = new PseudoRandomBytes();
        var buffer = new byte[ChunkSize];
        for (var left = count; left > 0;)
        {
            var chunk = (int)Math.Min(buffer.Length, left);
            source.Fill(buffer.AsSpan(0, chunk));
            sha256.AppendData(buffer, 0, chunk);
            left -= chunk;
        }

        return Convert.ToHexStringLower(sha256.GetHashAndReset());
    }
}
