using Telepath.Cli.Tests.Harness;

namespace Telepath.Cli.Tests.Version;

public sealed class VersionTests : CliTest
{
    [Fact]
    public async Task Version_without_a_daemon_shows_the_client_only()
    {
        var result = await Cli.RunAsync("version");

        Assert.Equal(Lines.Of("Client: v0.1.0", "Daemon: not running"), result.StdOut);
        Assert.Equal(0, result.ExitCode);
    }
}
