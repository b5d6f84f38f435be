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

    [Fact]
    public async Task Dash_dash_version_prints_the_version_alone_as_the_parser_would()
    {
        var result = await Cli.RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches("^0\\.1\\.0(\\+[0-9a-f]+)?\n$", result.StdOut);
        Assert.Equal("", result.StdErr);
    }
}
