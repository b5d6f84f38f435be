using System.Buffers.Binary;

namespace Telepath.TrafficAgent.Volumes;

/// <summary>
/// The only way onto the laptop's side of the tunnel: sftp-server's answers and the guard's refusals
/// both go through it one whole packet at a time, so a refusal never lands inside an answer.
/// </summary>
internal sealed class SftpGuardWriter(Stream tunnel) : IDisposable
{
    private const int ChunkSize = 64 * 1024;

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task WriteAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await tunnel.WriteAsync(packet, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Copies sftp-server's answers to the laptop unchanged until it ends its output. They are only framed,
    /// not judged or bounded: sftp-server is the agent's own process.
    /// </summary>
    public async Task CopyPacketsAsync(Stream server, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkSize];
        while (await server.ReadAtLeastAsync(buffer.AsMemory(0, 4), 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) == 4)
        {
            var remaining = (long)BinaryPrimitives.ReadUInt32BigEndian(buffer);
            var filled = 4;
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                while (true)
                {
                    var read = await server.ReadAsync(buffer.AsMemory(filled, (int)Math.Min(remaining, buffer.Length - filled)), cancellationToken).ConfigureAwait(false);
                    remaining -= read;
                    filled += read;
                    if (read == 0 || remaining == 0 || filled == buffer.Length)
                    {
                        await tunnel.WriteAsync(buffer.AsMemory(0, filled), cancellationToken).ConfigureAwait(false);
                        filled = 0;
                    }

                    if (remaining == 0)
                    {
                        break;
                    }

                    if (read == 0)
                    {
                        // sftp-server died inside an answer; what it wrote is passed on, and the laptop sees the end.
                        return;
                    }
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    public void Dispose() => _gate.Dispose();
}
