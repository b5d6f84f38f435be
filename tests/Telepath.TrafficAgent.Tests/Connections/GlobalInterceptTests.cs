using System.Net;
using System.Net.Sockets;
using System.Text;
using Telepath.Testing.Network;
using Telepath.TrafficAgent.Tests.Infrastructure;

namespace Telepath.TrafficAgent.Tests.Connections;

/// <summary>A global intercept takes whole TCP connections before any sniffing (docs/protocol.md, "Agent routing").</summary>
public sealed class GlobalInterceptTests : IAsyncLifetime
{
    private AgentWithManager _world = null!;

    public async Task InitializeAsync() => _world = await AgentWithManager.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_global_intercept_takes_whole_TCP_connections_that_are_not_HTTP()
    {
        await using var laptop = await _world.ArriveLaptopAsync();
        using var laptopTcp = new TcpListener(IPAddress.Loopback, 0);
        laptopTcp.Start();
        await _world.InterceptAsync(laptop, AgentWithManager.Spec("orders", (IPEndPoint)laptopTcp.LocalEndpoint));
        var served = EchoUppercaseUntilEndAsync(laptopTcp);

        using var connection = new TcpClient();
        await connection.ConnectAsync(_world.Agent.EndPoint);
        var stream = connection.GetStream();
        await stream.WriteAsync("\u0016hello, raw bytes\n"u8.ToArray());
        connection.Client.Shutdown(SocketShutdown.Send);
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("\u0016HELLO, RAW BYTES\n", Encoding.ASCII.GetString(answer.ToArray()));
        await served;
    }

    [Fact]
    public async Task A_keep_alive_connection_moves_to_the_laptop_and_back_with_its_next_request()
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = _world.Agent.BaseAddress };
        Assert.Equal("app", await AgentWithManager.ServedByAsync(client));
        await using var laptop = await _world.ArriveLaptopAsync();

        await _world.InterceptAsync(laptop, AgentWithManager.Spec("orders", _world.LaptopApp.EndPoint));
        var during = await AgentWithManager.ServedByAsync(client);
        await laptop.LeaveAsync("orders");
        await _world.WaitForRoutesAsync(routes => routes.Global is null);
        var after = await AgentWithManager.ServedByAsync(client);

        Assert.Equal("laptop", during);
        Assert.Equal("app", after);
    }

    [Fact]
    public async Task A_global_intercept_whose_laptop_does_not_answer_leaves_connections_to_the_app()
    {
        await using var laptop = await _world.ArriveLaptopAsync(offerStandbys: false);
        await _world.InterceptAsync(laptop, AgentWithManager.Spec("orders", _world.LaptopApp.EndPoint));
        using var client = new HttpClient { BaseAddress = _world.Agent.BaseAddress };

        Assert.Equal("app", await AgentWithManager.ServedByAsync(client));
    }

    [Fact]
    public async Task A_global_intercept_whose_laptop_has_nothing_listening_closes_the_connection()
    {
        await using var laptop = await _world.ArriveLaptopAsync();
        await _world.InterceptAsync(laptop, AgentWithManager.Spec("orders", new IPEndPoint(IPAddress.Loopback, Ports.Free())));

        using var connection = new TcpClient();
        await connection.ConnectAsync(_world.Agent.EndPoint);
        var read = await connection.GetStream().ReadAsync(new byte[64]).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, read);
    }

    private static async Task EchoUppercaseUntilEndAsync(TcpListener listener)
    {
        using var accepted = await listener.AcceptTcpClientAsync();
        var stream = accepted.GetStream();
        using var received = new MemoryStream();
        await stream.CopyToAsync(received);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(received.ToArray()).ToUpperInvariant()));
        accepted.Client.Shutdown(SocketShutdown.Send);
    }
}
