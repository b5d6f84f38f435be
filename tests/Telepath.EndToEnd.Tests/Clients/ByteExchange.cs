using System.Net;
using System.Net.Sockets;

namespace Telepath.EndToEnd.Tests.Clients;

/// <summary>What a <see cref="ByteExchange"/> saw: bytes each way, the hash of what came back, and how it ended.</summary>
/// <param name="Failure">The first error either direction met (a reset, a broken pipe), or null when both ended cleanly.</param>
/// <param name="TimedOut">It was still running when its bound ran out: a hang.</param>
public sealed record ExchangeResult(long Sent, long Received, string ReceivedSha256, string? Failure, bool TimedOut);

/// <summary>
/// One TCP connection that is not HTTP: sends an <see cref="ExchangeHeader"/> asking for
/// <c>download</c> bytes, then <c>upload</c> pseudo-random bytes and a half-close, while it reads
/// whatever comes back to the end. A <see cref="Laptops.ByteExchangeServer"/> answers with its own
/// pseudo-random bytes; the cluster's sample app echoes the header and the upload instead.
/// </summary>
/// <param name="uploadAfterDownload">Sends the upload only once the download has ended (the server half-closed).</param>
public sealed class ByteExchange(long upload, long download, bool uploadAfterDownload = false)
{
    private long _sent;
    private long _received;

    public Guid Tag { get; } = Guid.NewGuid();

    /// <summary>Bytes sent so far (the header not counted).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Bytes received so far.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <param name="bound">How long it may run before it counts as hung: generous, only so a hang fails the test.</param>
    public async Task<ExchangeResult> RunAsync(IPEndPoint to, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var failures = new List<string>();
        var receivedSha256 = "";
        try
        {
            await socket.ConnectAsync(to, timeout.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync(ExchangeHeader.Write(Tag, download), timeout.Token);
            var receiving = BulkBytes.ReadToEndAsync(stream, read => Interlocked.Add(ref _received, read), timeout.Token);
            var sending = SendAsync(uploadAfterDownload ? receiving : Task.CompletedTask, stream, socket, timeout.Token);
            foreach (var direction in new Task[] { receiving, sending })
            {
                try
                {
                    await direction;
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
                {
                    failures.Add($"{(direction == sending ? "sending" : "receiving")}: {e.GetType().Name}: {e.Message}");
                }
            }

            if (receiving.IsCompletedSuccessfully)
            {
                receivedSha256 = receiving.Result;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            failures.Add($"opening: {e.GetType().Name}: {e.Message}");
        }

        return new ExchangeResult(Sent, Received, receivedSha256, failures.Count == 0 ? null : string.Join("; ", failures), timeout.IsCancellationRequested);
    }

    /// <summary>
    /// Who answers a small exchange on a new connection: "laptop" (a ByteExchangeServer's bytes),
    /// "cluster" (the sample app's echo), or what else happened, as a value so polling goes on.
    /// </summary>
    public static async Task<string> WhoAnswersAsync(IPEndPoint service)
    {
        const int Asked = 32;
        var probe = new ByteExchange(upload: 0, download: Asked);
        var result = await probe.RunAsync(service, TimeSpan.FromSeconds(20));
        if (result.Failure is null && result.Received == Asked && result.ReceivedSha256 == BulkBytes.Sha256(Asked))
        {
            return "laptop";
        }

        return result.Failure is null && result.Received == ExchangeHeader.Length ? "cluster" : $"neither: {result}";
    }

    private async Task SendAsync(Task after, NetworkStream stream, Socket socket, CancellationToken cancellationToken)
    {
        await after.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await BulkBytes.WriteAsync(stream, upload, sent => Interlocked.Add(ref _sent, sent), cancellationToken);
        socket.Shutdown(SocketShutdown.Send);
    }
}
