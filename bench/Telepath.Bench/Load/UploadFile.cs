using System.Security.Cryptography;

namespace Telepath.Bench.Load;

/// <summary>A file of random bytes for the upload runs, and the answer a faithful path yields: "{size} {sha256}".</summary>
internal sealed record UploadFile(string Path, long Size, string ExpectedAnswer)
{
    public static async Task<UploadFile> CreateAsync(string path, long size, CancellationToken cancellationToken)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var file = File.Create(path))
        {
            var buffer = new byte[1 << 20];
            for (var left = size; left > 0;)
            {
                var chunk = (int)Math.Min(buffer.Length, left);
                RandomNumberGenerator.Fill(buffer.AsSpan(0, chunk));
                sha256.AppendData(buffer, 0, chunk);
                await file.WriteAsync(buffer.AsMemory(0, chunk), cancellationToken);
                left -= chunk;
            }
        }

        return new UploadFile(path, size, Answer(size, sha256));
    }

    /// <summary>The same answer for a file a server stored, to compare with <see cref="ExpectedAnswer"/>.</summary>
    public static async Task<string> AnswerOfAsync(string path, CancellationToken cancellationToken)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = File.OpenRead(path);
        var buffer = new byte[1 << 20];
        long size = 0;
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
        {
            sha256.AppendData(buffer, 0, read);
            size += read;
        }

        return Answer(size, sha256);
    }

    private static string Answer(long size, IncrementalHash sha256) => $"{size} {Convert.ToHexStringLower(sha256.GetHashAndReset())}";
}
