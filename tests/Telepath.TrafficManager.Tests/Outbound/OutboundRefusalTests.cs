using System.Net;
using System.Net.Sockets;
using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.TrafficManager.Tests.Outbound;

/// <summary>
/// A manager with the rules a cluster's has (no allow-list), dialing this machine's real loopback:
/// what it refuses, it must not even connect to.
/// </summary>
public sealed class OutboundRefusalTests : IAsyncLifetime
{
    private const string Unless = "unless the manager's outbound allow-list names them";

    private readonly TcpListener _server = new(IPAddress.Any, 0);
    private LoopbackManager _manager = null!;

    public async Task InitializeAsync()
    {
        _server.Start();
        _manager = await LoopbackManager.StartAsync(configure: options => options with { OutboundAllowList = [] });
    }

    public async Task DisposeAsync()
    {
        _server.Dispose();
        await _manager.DisposeAsync();
    }

    private int Port => ((IPEndPoint)_server.LocalEndpoint).Port;

    [Fact]
    public async Task A_loopback_address_is_refused_and_nothing_connects_to_it()
    {
        var (tunnel, error) = await OpenAsync(_manager, "127.0.0.1", Port);

        Assert.Null(tunnel);
        Assert.Equal(TunnelErrorCode.DestinationNotAllowed, error!.Value.Refusal);
        Assert.Equal($"the manager refuses 127.0.0.1:{Port}: loopback addresses are not reachable through Telepath {Unless}", error.Value.Message);
        // The answer comes after a connect would have completed: the kernel would hold the connection by now.
        Assert.False(_server.Pending());
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_for_the_address_it_resolves_to()
    {
        var (tunnel, error) = await OpenAsync(_manager, "localhost", Port);

        Assert.Null(tunnel);
        Assert.Equal(TunnelErrorCode.DestinationNotAllowed, error!.Value.Refusal);
        Assert.Matches($@"^the manager refuses localhost:{Port} \((127\.0\.0\.1|\[::1\]):{Port}\): loopback addresses ", error.Value.Message);
        Assert.False(_server.Pending());
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("127.1.2.3")]
    public async Task Other_spellings_of_the_local_host_are_refused(string host)
    {
        var (tunnel, error) = await OpenAsync(_manager, host, Port);

        Assert.Null(tunnel);
        Assert.Equal(TunnelErrorCode.DestinationNotAllowed, error!.Value.Refusal);
        Assert.False(_server.Pending());
    }

    [Fact]
    public async Task The_cloud_metadata_address_is_refused_as_link_local()
    {
        var (tunnel, error) = await OpenAsync(_manager, "169.254.169.254", 80);

        Assert.Null(tunnel);
        Assert.Equal(TunnelErrorCode.DestinationNotAllowed, error!.Value.Refusal);
        Assert.Equal($"the manager refuses 169.254.169.254:80: link-local addresses are not reachable through Telepath {Unless}", error.Value.Message);
    }

    [OwnAddressFact]
    public async Task The_managers_own_address_is_refused_even_where_loopback_is_allowed()
    {
        await using var manager = await LoopbackManager.StartAsync();
        var own = OwnAddressFactAttribute.Address!;

        var (tunnel, error) = await OpenAsync(manager, own.ToString(), Port);

        Assert.Null(tunnel);
        Assert.Equal(TunnelErrorCode.DestinationNotAllowed, error!.Value.Refusal);
        Assert.Equal(
            $"the manager refuses {own}:{Port}: {own} is the manager pod's own address, not reachable through Telepath unless the manager's outbound allow-list names it",
            error.Value.Message);
        Assert.False(_server.Pending());
    }

    [Fact]
    public async Task Loopback_is_dialed_where_the_allow_list_names_127_0_0_0_8()
    {
        await using var manager = await LoopbackManager.StartAsync(configure: options => options with { OutboundAllowList = [IPNetwork.Parse("127.0.0.0/8")] });

        var (tunnel, error) = await OpenAsync(manager, "127.0.0.1", Port);

        Assert.True(error is null, error?.Message);
        await using (tunnel)
        {
            using var accepted = await _server.AcceptSocketAsync();
            Assert.Equal(IPAddress.Loopback, ((IPEndPoint)accepted.RemoteEndPoint!).Address);
        }
    }

    private static async Task<(Telepath.Tunnels.Streams.TunnelStream? Tunnel, Telepath.Tunnels.Streams.TunnelAnswer? Error)> OpenAsync(LoopbackManager manager, string host, int port)
    {
        var link = manager.Link();
        var session = (await new ProtocolManager.ManagerClient(link.Channel).ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop" })).SessionSecret;
        return await OutboundTunnel.OpenAsync(link, session, host, port);
    }
}
