using Telepath.Cli.Tests.Harness;

namespace Telepath.Cli.Tests.Status;

public sealed class StatusTests : CliTest
{
    [Fact]
    public async Task Status_without_a_daemon_says_it_is_not_running()
    {
        var result = await Cli.RunAsync("status");

        Assert.Equal(Lines.Of("Daemon: Not running"), result.StdOut);
        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(Cli.SocketPath), "status must not start a daemon");
    }

    [Fact]
    public async Task Status_as_json_without_a_daemon_says_it_is_not_running()
    {
        var result = await Cli.RunAsync("status", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"daemonRunning\": false", result.StdOut);
    }
}
