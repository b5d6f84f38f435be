using System.Net;
using System.Net.Sockets;
using System.Text;
using Telepath.TrafficAgent.Tests.Infrastructure;

namespace Telepath.TrafficAgent.Tests.Connections;

/// <summary>Bytes that are not HTTP go to the app as plain TCP, half-close included.</summary>
public sealed class RawTcpToAppTests
{
    [Fact]
    public async Task Non_HTTP_bytes_reach_the_app_and_its_answer_comes_back_after_a_half_close()
    {
        var answer = await SendToEchoingAppAsync("SSH-2.0-OpenSSH_9.6\r\n"u8.ToArray(), "\u0001\u0002binary"u8.ToArray());

        Assert.Equal("got 29 bytes: SSH-2.0-OpenSSH_9.6\r\n\u0001\u0002binary", answer);
    }

    [Theory]
    // Redis' inline commands and memcached's text protocol: a word and a space, but no HTTP version.
    [InlineData("SET counter 1\r\nGET counter\r\n")]
    [InlineData("get session:42\r\n")]
    public async Task A_text_protocol_whose_commands_start_with_a_word_and_a_space_reaches_the_app_as_TCP(string commands)
    {
        var answer = await SendToEchoingAppAsync(Encoding.ASCII.GetBytes(commands));

        Assert.Equal($"got {commands.Length} bytes: {commands}", answer);
    }

    /// <summary>Writes each piece through an agent, half-closes, and returns the app's answer: what it received, counted.</summary>
    private static async Task<string> SendToEchoingAppAsync(params byte[][] pieces)
    {
        using var app = new TcpListener(IPAddress.Loopback, 0);
        app.Start();
        var served = ServeUntilEndOfInputAsync(app, received => $"got {received.Length} bytes: {received}");
        await using var agent = await TestAgent.StartAsync((IPEndPoint)app.LocalEndpoint);

        using var client = new TcpClient();
        await client.ConnectAsync(agent.EndPoint);
        var stream = client.GetStream();
        foreach (var piece in pieces)
        {
            await stream.WriteAsync(piece);
        }

        client.Client.Shutdown(SocketShutdown.Send);
        var answer = await ReadToEndAsync(stream);
        await served;
        return answer;
    }

    [Fact]
    public async Task A_server_that_speaks_first_is_heard_by_a_silent_client()
    {
        using var app = new TcpListener(IPAddress.Loopback, 0);
        app.Start();
        var served = GreetAsync(app, "220 smtp.example ESMTP ready\r\n");
        await using var agent = await TestAgent.StartAsync((IPEndPoint)app.LocalEndpoint);

        using var client = new TcpClient();
        await client.ConnectAsync(agent.EndPoint);
        var answer = await ReadToEndAsync(client.GetStream());
        // The app's end was a half-close: it waits for the client's end, as it would over a direct connection.
        client.Client.Shutdown(SocketShutdown.Send);

        Assert.Equal("220 smtp.example ESMTP ready\r\n", answer);
        await served;
    }

    private static async Task ServeUntilEndOfInputAsync(TcpListener listener, Func<string, string> answer)
    {
        using var accepted = await listener.AcceptTcpClientAsync();
        var stream = accepted.GetStream();
        var received = await ReadToEndAsync(stream);
        await stream.WriteAsync(Encoding.Latin1.GetBytes(answer(received)));
        accepted.Client.Shutdown(SocketShutdown.Send);
    }

    private static async Task GreetAsync(TcpListener listener, string greeting)
    {
        using var accepted = await listener.AcceptTcpClientAsync();
        var stream = accepted.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(greeting));
        accepted.Client.Shutdown(SocketShutdown.Send);
        await ReadToEndAsync(stream);
    }

    private static async Task<string> ReadToEndAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, timeout.Token);
        return Encoding.Latin1.GetString(buffer.ToArray());
    }
}
