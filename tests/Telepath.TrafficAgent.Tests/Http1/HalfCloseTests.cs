using System.Net.Sockets;
using System.Text;
using Telepath.Testing.Tunnels;
using Telepath.TrafficAgent.Forwarding;
using Telepath.TrafficAgent.Tests.Infrastructure;

namespace Telepath.TrafficAgent.Tests.Http1;

/// <summary>A client that shuts its write side after sending its request still gets its answer, from where its headers say.</summary>
public sealed class HalfCloseTests : IAsyncLifetime
{
    private AgentWithManager _world = null!;

    public async Task InitializeAsync() => _world = await AgentWithManager.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Theory]
    [InlineData("x-user: alice\r\n", "laptop")]
    [InlineData("", "app")]
    public async Task A_half_closed_client_is_routed_by_its_headers(string header, string expected)
    {
        await using var laptop = await _world.ArriveLaptopAsync();
        await _world.InterceptAsync(laptop, AgentWithManager.Spec("orders-alice", _world.LaptopApp.EndPoint, ("x-user", "alice")));

        var response = await SendAndShutAsync($"GET / HTTP/1.1\r\nHost: orders\r\n{header}\r\n");

        Assert.Contains($"x-served-by: {expected}", response, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<string> SendAndShutAsync(string request)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(_world.Agent.EndPoint);
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        socket.Shutdown(SocketShutdown.Send);
        using var received = new MemoryStream();
        var buffer = new byte[4096];
        int n;
        while ((n = await socket.ReceiveAsync(buffer)) > 0)
        {
            received.Write(buffer, 0, n);
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }
}
