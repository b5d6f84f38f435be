using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Telepath.Daemon.Outbound;
using Telepath.Daemon.Outbound.LocalProxy;
using Telepath.Daemon.Tests.Outbound.RootHelper;

namespace Telepath.Daemon.Tests.Outbound.LocalProxy;

public sealed class LoopbackPeerUserTests
{
    private static readonly IPEndPoint Proxy = IPEndPoint.Parse("127.0.0.1:1080");

    // As the kernel prints them on a little-endian machine (as every machine Telepath runs on): 127.0.0.1 is 0100007F, port 1080 is 0438.
    private static readonly string[] Lines =
    [
        "   0: 0100007F:0438 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 100 1 0000000000000000 100 0 0 10 0",
        "   1: 0100007F:0438 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000        0 101 1 0000000000000000 20 4 30 10 -1",
        "   2: 0100007F:C350 0100007F:0438 01 00000000:00000000 00:00000000 00000000 65534        0 102 1 0000000000000000 20 4 30 10 -1",
        "   3: 0100007F:C351 0100007F:0438 06 00000000:00000000 03:00001380 00000000     0        0 0 3 0000000000000000",
        "   4: 0000000000000000FFFF00000100007F:C352 0000000000000000FFFF00000100007F:0438 01 00000000:00000000 00:00000000 00000000  1001        0 104 1 0000000000000000 20 4 30 10 -1",
    ];

    [Theory]
    [InlineData("127.0.0.1:50000", 65534u)]
    [InlineData("127.0.0.1:50002", 1001u)]
    public void The_user_is_that_of_the_socket_whose_local_end_is_the_peer_and_remote_end_is_us(string peer, uint user)
    {
        Assert.Equal(user, LoopbackPeerUser.Find(IPEndPoint.Parse(peer), Proxy, Lines));
    }

    [Fact]
    public void A_peer_whose_socket_is_in_TIME_WAIT_or_absent_has_no_user()
    {
        Assert.Null(LoopbackPeerUser.Find(IPEndPoint.Parse("127.0.0.1:50001"), Proxy, Lines));
        Assert.Null(LoopbackPeerUser.Find(IPEndPoint.Parse("127.0.0.1:50009"), Proxy, Lines));
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task A_connection_of_this_process_is_found_to_be_its_own_users(AddressFamily clientFamily)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();

        // An IPv6 client socket reaches 127.0.0.1 as ::ffff:127.0.0.1, and the kernel lists it in tcp6.
        using var client = new Socket(clientFamily, SocketType.Stream, ProtocolType.Tcp);
        if (clientFamily == AddressFamily.InterNetworkV6)
        {
            client.DualMode = true;
        }

        await client.ConnectAsync(listener.LocalEndPoint!);
        using var accepted = await listener.AcceptAsync();

        Assert.Equal(await OwnUserAsync(), LoopbackPeerUser.Of(accepted));
    }

    [RootFact]
    public async Task A_connection_of_another_users_process_is_found_to_be_that_users()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture);

        // Holds its connection open until it reads the end of its input, so its socket is there to be looked at.
        using var stranger = Process.Start(new ProcessStartInfo("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "socat", "-", $"TCP:127.0.0.1:{port}"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        })!;
        try
        {
            using var accepted = await listener.AcceptAsync().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(65534u, LoopbackPeerUser.Of(accepted));
        }
        finally
        {
            stranger.Kill();
            await stranger.WaitForExitAsync();
        }
    }

    private static async Task<uint> OwnUserAsync() =>
        uint.Parse((await Telepath.Testing.Processes.ProcessRunner.RunAsync("id", ["-u"])).Stdout.Trim(), CultureInfo.InvariantCulture);
}
