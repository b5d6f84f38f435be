using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Telepath.EndToEnd.Tests.Clients;

/// <summary>
/// One HTTP/1.1 connection written by hand, so a test knows for sure that several requests shared it
/// (HttpClient might open another).
/// </summary>
public sealed class KeepAliveConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private byte[] _pending = [];

    private KeepAliveConnection(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
    }

    public static async Task<KeepAliveConnection> OpenAsync(IPEndPoint endpoint)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endpoint);
        return new KeepAliveConnection(socket);
    }

    /// <summary>GET on this connection; returns the status code and the body.</summary>
    public async Task<(int Status, string Body)> GetAsync(string path, params (string Name, string Value)[] headers)
    {
        var request = new StringBuilder($"GET {path} HTTP/1.1\r\nHost: orders\r\n");
        foreach (var (name, value) in headers)
        {
            request.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        await _stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()), _timeout.Token);

        var head = Encoding.ASCII.GetString(await ReadUntilAsync("\r\n\r\n"u8.ToArray()));
        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var fields = lines.Skip(1).Where(line => line.Contains(':'))
            .ToDictionary(line => line[..line.IndexOf(':')].Trim().ToLowerInvariant(), line => line[(line.IndexOf(':') + 1)..].Trim());
        byte[] body;
        if (fields.TryGetValue("content-length", out var length))
        {
            body = await ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture));
        }
        else if (fields.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = await ReadChunkedAsync();
        }
        else
        {
            throw new InvalidOperationException($"a keep-alive response needs a length:\n{head}");
        }

        return (status, Encoding.UTF8.GetString(body).TrimEnd('\n'));
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _socket.Dispose();
        _timeout.Dispose();
    }

    private async Task<byte[]> ReadChunkedAsync()
    {
        var body = new MemoryStream();
        while (true)
        {
            var sizeLine = Encoding.ASCII.GetString(await ReadUntilAsync("\r\n"u8.ToArray()));
            var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                await ReadUntilAsync("\r\n"u8.ToArray());
                return body.ToArray();
            }

            body.Write(await ReadExactlyAsync(size));
            await ReadExactlyAsync(2);
        }
    }

    private async Task<byte[]> ReadUntilAsync(byte[] delimiter)
    {
        while (true)
        {
            var at = _pending.AsSpan().IndexOf(delimiter);
            if (at >= 0)
            {
                var found = _pending[..at];
                _pending = _pending[(at + delimiter.Length)..];
                return found;
            }

            await FillAsync();
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count)
    {
        while (_pending.Length < count)
        {
            await FillAsync();
        }

        var found = _pending[..count];
        _pending = _pending[count..];
        return found;
    }

    private async Task FillAsync()
    {
        var buffer = new byte[16 * 1024];
        var read = await _stream.ReadAsync(buffer, _timeout.Token);
        if (read == 0)
        {
            throw new IOException("the server closed the keep-alive connection");
        }

        _pending = [.. _pending, .. buffer.AsSpan(0, read)];
    }
}
