using Telepath.Cli.Tests.Harness;
using Telepath.Testing.Managers;

namespace Telepath.Cli.Tests.Connect;

public sealed class StaleSocketTests : CliTest
{
    [Fact]
    public async Task A_socket_file_nobody_listens_on_is_not_a_running_daemon_and_is_replaced()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Cli.SocketPath)!);
        await File.WriteAllTextAsync(Cli.SocketPath, "");
        await using var manager = await LoopbackManager.StartAsync();
        var token = Cli.WriteFile("token", LoopbackManager.Token);

        var status = await Cli.RunAsync("status");
        var connect = await Cli.RunAsync("connect", "--manager", manager.Address, "--token-file", token);

        Assert.Equal(Lines.Of("Daemon: Not running"), status.StdOut);
        Assert.StartsWith(Lines.Of("Launching Telepath Daemon..."), connect.StdErr);
        Assert.Contains("Daemon: Running", (await Cli.RunAsync("status")).StdOut);
    }
}
