using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Telepath.KubeApi.TestServer.PortForward;

/// <summary>
/// One port-forward WebSocket: port i uses data channel 2i and error channel 2i+1. Every channel
/// first carries its port (2 bytes, little endian), then frames of [channel byte, payload].
/// The socket closes when every port's connection is done, as with the kubelet.
/// </summary>
internal sealed class PortForwardSession(WebSocket socket, IPAddress podIp, string podUid, string podId, IReadOnlyList<ushort> ports)
{
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly Dictionary<byte, TcpClient> connections = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Dial first so that nothing the client sends after the port frames can be lost.
        var errors = new Dictionary<byte, string>();
        for (var i = 0; i < ports.Count; i++)
        {
            var tcp = new TcpClient(AddressFamily.InterNetwork);
            try
            {
                await tcp.ConnectAsync(new IPEndPoint(podIp, ports[i]), cancellationToken);
                connections[(byte)(2 * i)] = tcp;
            }
            catch (SocketException e)
            {
                tcp.Dispose();
                errors[(byte)(2 * i + 1)] =
                    $"error forwarding port {ports[i]} to pod {podId}, uid {podUid}: failed to connect to {podIp}:{ports[i]}: {e.SocketErrorCode}";
            }
        }

        for (var i = 0; i < ports.Count; i++)
        {
            await SendPortFrameAsync((byte)(2 * i), ports[i], cancellationToken);
            await SendPortFrameAsync((byte)(2 * i + 1), ports[i], cancellationToken);
        }

        foreach (var (channel, message) in errors)
        {
            await SendAsync(channel, System.Text.Encoding.UTF8.GetBytes(message), cancellationToken);
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pumps = connections.Select(c => PumpAsync(c.Key, c.Value, done.Token)).ToList();
        var reader = ReadClientAsync(done.Token);
        await Task.WhenAll(pumps);
        await CloseAsync();
        await done.CancelAsync();
        await reader.ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var connection in connections.Values)
        {
            connection.Dispose();
        }
    }

    private async Task PumpAsync(byte dataChannel, TcpClient tcp, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var stream = tcp.GetStream();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
            {
                await SendAsync(dataChannel, buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or WebSocketException)
        {
            // The pod's side or the client went away; the session ends either way.
        }
    }

    private async Task ReadClientAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        byte channel = 0;
        var startOfMessage = true;
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    CloseConnections();
                    return;
                }

                var payload = buffer.AsMemory(0, result.Count);
                if (startOfMessage && payload.Length > 0)
                {
                    channel = payload.Span[0];
                    payload = payload[1..];
                }

                startOfMessage = result.EndOfMessage;
                if (TryGetConnection(channel) is { } tcp && payload.Length > 0)
                {
                    await tcp.GetStream().WriteAsync(payload, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            CloseConnections();
        }
    }

    private TcpClient? TryGetConnection(byte channel)
    {
        lock (connections)
        {
            return connections.GetValueOrDefault(channel);
        }
    }

    // The client leaving ends every relayed connection, which in turn ends the pumps.
    private void CloseConnections()
    {
        lock (connections)
        {
            foreach (var connection in connections.Values)
            {
                connection.Client.Shutdown(SocketShutdown.Both);
            }
        }
    }

    private Task SendPortFrameAsync(byte channel, ushort port, CancellationToken cancellationToken)
    {
        var frame = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(frame, port);
        return SendAsync(channel, frame, cancellationToken);
    }

    private async Task SendAsync(byte channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var frame = new byte[payload.Length + 1];
        frame[0] = channel;
        payload.CopyTo(frame.AsMemory(1));
        await sendLock.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Binary, true, cancellationToken);
        }
        finally
        {
            sendLock.Release();
        }
    }

    private async Task CloseAsync()
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // Already gone.
        }
    }
}
