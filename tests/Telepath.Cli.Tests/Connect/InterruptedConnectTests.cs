using System.Net;
using System.Net.Sockets;
using Telepath.Cli.Tests.Harness;

namespace Telepath.Cli.Tests.Connect;

public sealed class InterruptedConnectTests : CliTest
{
    [Fact]
    public async Task Ctrl_C_while_the_daemon_is_connecting_exits_130_without_an_error_line()
    {
        // A "manager" that takes the connection and never answers: the connect call to the daemon is then under way.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var dialled = silent.AcceptSocketAsync();
        var token = Cli.WriteFile("token", "a-token\n");

        var connect = await Cli.RunInterruptedAsync(
            dialled, "connect", "--manager", $"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}", "--token-file", token);
        (await dialled).Dispose();

        Assert.True(connect.ExitCode == 130, connect.ToString());
        Assert.DoesNotContain("canceled", connect.StdErr, StringComparison.OrdinalIgnoreCase);
    }
}
