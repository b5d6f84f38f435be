using Telepath.Cli.Tests.Harness;

namespace Telepath.Cli.Tests.Connect;

public sealed class StaleSocketTests : CliTest
{
    [Fact]
    public async Task A_socket_file_nobody_listens_on_is_not_a_running_daemon_and_is_replaced()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Cli.SocketPath)!);
        await File.WriteAllTextAsync(Cli.SocketPath, "");
        var token = Cli.WriteFile("token", "secret");

        var status = await Cli.RunAsync("status");
        var connect = await Cli.RunAsync("connect", "--manager", $"127.0.0.1:{ClosedPort.Find()}", "--token-file", token);

        Assert.Equal(Lines.Of("Daemon: Not running"), status.StdOut);
        Assert.StartsWith(Lines.Of("Launching Telepath Daemon..."), connect.StdErr);
        Assert.Contains("Daemon: Running", (await Cli.RunAsync("status")).StdOut);
    }
}
