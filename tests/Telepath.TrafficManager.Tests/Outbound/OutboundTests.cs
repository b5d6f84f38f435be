using System.Net;
using System.Net.Sockets;
using System.Text;
using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;
using Telepath.Testing.Network;
using Telepath.Tunnels.Links;
using Telepath.Tunnels.Streams;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.TrafficManager.Tests.Outbound;

public sealed class OutboundTests : IAsyncLifetime
{
    private LoopbackManager _manager = null!;
    private ManagerLink _link = null!;
    private ProtocolManager.ManagerClient _client = null!;
    private string _session = "";

    public async Task InitializeAsync()
    {
        _manager = await LoopbackManager.StartAsync();
        _link = _manager.Link();
        _client = new ProtocolManager.ManagerClient(_link.Channel);
        _session = (await _client.ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop" })).SessionSecret;
    }

    public async Task DisposeAsync() => await _manager.DisposeAsync();

    [Fact]
    public async Task Bytes_and_half_closes_cross_to_a_server_the_manager_dials()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var echo = EchoAfterEndOfStreamAsync(server);

        var (tunnel, error) = await OpenAsync(_session, "127.0.0.1", Port(server));
        Assert.Null(error);
        await using (tunnel)
        {
            await tunnel!.WriteAsync("ping"u8.ToArray());
            // The server answers only once it has read end-of-stream: the half-close must reach it.
            await tunnel.ShutdownWriteAsync();

            Assert.Equal("echo ping", await ReadToEndAsync(tunnel));
        }

        await echo;
    }

    [Fact]
    public async Task A_name_is_resolved_by_the_manager()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var echo = EchoAfterEndOfStreamAsync(server);

        var (tunnel, error) = await OpenAsync(_session, "localhost", Port(server));
        Assert.Null(error);
        await using (tunnel)
        {
            await tunnel!.ShutdownWriteAsync();

            Assert.Equal("echo ", await ReadToEndAsync(tunnel));
        }

        await echo;
    }

    [Fact]
    public async Task A_port_where_nothing_listens_is_refused_naming_the_address()
    {
        var port = Ports.Free();

        var (tunnel, error) = await OpenAsync(_session, "127.0.0.1", port);

        Assert.Null(tunnel);
        Assert.Equal(TunnelErrorCode.ConnectionRefused, error!.Value.Refusal);
        Assert.Equal($"connection refused by 127.0.0.1:{port}", error.Value.Message);
    }

    [Fact]
    public async Task A_name_that_does_not_exist_is_reported_as_not_found()
    {
        var (tunnel, error) = await OpenAsync(_session, "no-such-service.invalid", 80);

        Assert.Null(tunnel);
        Assert.Equal(TunnelErrorCode.NameNotFound, error!.Value.Refusal);
        Assert.StartsWith("DNS ", error.Value.Message);
        Assert.Contains("no-such-service.invalid", error.Value.Message);
    }

    [Fact]
    public async Task An_unknown_session_is_refused_so_the_laptop_arrives_again()
    {
        var (tunnel, error) = await OpenAsync(Guid.NewGuid().ToString(), "127.0.0.1", 80);

        Assert.Null(tunnel);
        Assert.Equal(TunnelErrorCode.UnknownSession, error!.Value.Refusal);
    }

    [Fact]
    public async Task An_agent_session_may_not_open_outbound_connections()
    {
        var agent = (await _client.ArriveAsAgentAsync(new AgentArrival { Workload = "orders" })).SessionSecret;

        var (tunnel, error) = await OpenAsync(agent, "127.0.0.1", 80);

        Assert.Null(tunnel);
        Assert.Equal(TunnelErrorCode.NotPermitted, error!.Value.Refusal);
    }

    [Fact]
    public async Task A_tunnel_without_the_token_is_refused_before_anything_is_dialed()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var (tunnel, error) = await OpenAsync(_session, "127.0.0.1", Port(server), _manager.Link("wrong"));

        Assert.Null(tunnel);
        Assert.True(TunnelErrorCode.NotPermitted == error!.Value.Refusal, error.Value.Message);
        Assert.False(server.Pending());
    }

    [Fact]
    public async Task Resolve_answers_with_the_managers_addresses_and_none_for_an_unknown_name()
    {
        var localhost = await _client.ResolveAsync(new ResolveRequest { SessionSecret = _session, Name = "localhost" });
        var unknown = await _client.ResolveAsync(new ResolveRequest { SessionSecret = _session, Name = "no-such-service.invalid" });

        Assert.Contains("127.0.0.1", localhost.Addresses);
        Assert.Empty(unknown.Addresses);
    }

    private Task<(TunnelStream? Tunnel, TunnelAnswer? Error)> OpenAsync(string session, string host, int port, ManagerLink? link = null) =>
        OutboundTunnel.OpenAsync(link ?? _link, session, host, port);

    private static int Port(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    private static async Task EchoAfterEndOfStreamAsync(TcpListener server)
    {
        using var socket = await server.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await using var stream = new NetworkStream(socket);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received).WaitAsync(TimeSpan.FromSeconds(10));
        await stream.WriteAsync(Encoding.UTF8.GetBytes("echo " + Encoding.UTF8.GetString(received.ToArray())));
        socket.Shutdown(SocketShutdown.Send);
    }

    private static async Task<string> ReadToEndAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer).WaitAsync(TimeSpan.FromSeconds(10));
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
