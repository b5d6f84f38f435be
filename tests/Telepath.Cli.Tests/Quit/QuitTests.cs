using Telepath.Cli.Tests.Harness;

namespace Telepath.Cli.Tests.Quit;

public sealed class QuitTests : CliTest
{
    [Fact]
    public async Task Quit_without_a_daemon_says_it_had_already_quit()
    {
        var result = await Cli.RunAsync("quit");

        Assert.Equal(Lines.Of("Telepath Daemon had already quit"), result.StdOut);
        Assert.Equal(0, result.ExitCode);
    }
}
