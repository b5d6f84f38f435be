namespace Telepath.Daemon.Tests;

public sealed class DaemonPathsTests
{
    [Fact]
    public void The_socket_lives_in_the_runtime_directory_when_there_is_one()
    {
        var paths = DaemonPaths.Resolve("/run/user/1000", "/home/alice");

        Assert.Equal("/run/user/1000/telepath/daemon.sock", paths.Socket);
        Assert.Equal("/run/user/1000/telepath/daemon.pid", paths.PidFile);
        Assert.Equal("/home/alice/.cache/telepath/logs/daemon.log", paths.DaemonLog);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_a_runtime_directory_the_socket_lives_in_the_cache(string? runtime)
    {
        var paths = DaemonPaths.Resolve(runtime, "/home/alice");

        Assert.Equal("/home/alice/.cache/telepath/daemon.sock", paths.Socket);
        Assert.Equal("/home/alice/.cache/telepath/logs/cli.log", paths.CliLog);
    }
}
