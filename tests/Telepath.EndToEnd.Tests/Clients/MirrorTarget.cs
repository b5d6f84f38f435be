using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Telepath.EndToEnd.Tests.Clients;

/// <summary>
/// A laptop's mirror target: a loopback HTTP/1.1 listener that records each request it reads (head and
/// Content-Length body) and answers 500, or, when <c>silent</c>, never answers at all.
/// </summary>
public sealed class MirrorTarget : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<(string Head, byte[] Body)> _received = Channel.CreateUnbounded<(string Head, byte[] Body)>();
    private readonly bool _silent;
    private readonly Task _accepting;

    public MirrorTarget(bool silent = false)
    {
        _silent = silent;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _heads = new();

    /// <summary>Whether any request whose head contains <paramref name="marker"/> reached the target yet.</summary>
    public bool Saw(string marker) => _heads.Any(head => head.Contains(marker, StringComparison.Ordinal));

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The next request that reached the target whose head contains <paramref name="marker"/>.</summary>
    public async Task<(string Head, byte[] Body)> NextAsync(string marker, CancellationToken cancellationToken)
    {
        while (true)
        {
            var request = await _received.Reader.ReadAsync(cancellationToken);
            if (request.Head.Contains(marker, StringComparison.Ordinal))
            {
                return request;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new List<byte>();
            var chunk = new byte[16 * 1024];
            try
            {
                while (true)
                {
                    int end;
                    while ((end = IndexOf(buffer, "\r\n\r\n"u8)) < 0)
                    {
                        var read = await stream.ReadAsync(chunk, _stop.Token);
                        if (read == 0)
                        {
                            return;
                        }

                        buffer.AddRange(chunk.AsSpan(0, read));
                    }

                    var head = Encoding.Latin1.GetString([.. buffer.GetRange(0, end + 4)]);
                    buffer.RemoveRange(0, end + 4);
                    var length = head.Split("\r\n").Where(l => l.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase))
                        .Select(l => int.Parse(l["content-length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                    while (buffer.Count < length)
                    {
                        var read = await stream.ReadAsync(chunk, _stop.Token);
                        if (read == 0)
                        {
                            return;
                        }

                        buffer.AddRange(chunk.AsSpan(0, read));
                    }

                    var body = buffer.GetRange(0, length).ToArray();
                    buffer.RemoveRange(0, length);
                    _heads.Enqueue(head);
                    _received.Writer.TryWrite((head, body));
                    if (!_silent)
                    {
                        await stream.WriteAsync("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 6\r\n\r\nmirror"u8.ToArray(), _stop.Token);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
            }
        }
    }

    private static int IndexOf(List<byte> buffer, ReadOnlySpan<byte> value)
    {
        for (var i = 0; i + value.Length <= buffer.Count; i++)
        {
            var match = true;
            for (var j = 0; j < value.Length && match; j++)
            {
                match = buffer[i + j] == value[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
