using Telepath.Cli.Tests.Harness;

namespace Telepath.Cli.Tests.Help;

public sealed class HelpTests : CliTest
{
    [Theory]
    [InlineData("connect")]
    [InlineData("status")]
    [InlineData("list")]
    [InlineData("intercept")]
    [InlineData("leave")]
    [InlineData("watch")]
    [InlineData("quit")]
    [InlineData("version")]
    public async Task Every_command_has_help_with_an_example(string command)
    {
        var result = await Cli.RunAsync(command, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Example:", result.StdOut);
        Assert.Contains($"  telepath {command}", result.StdOut);
        Assert.Equal("", result.StdErr);
    }

    [Fact]
    public async Task The_top_level_help_lists_the_commands_but_not_the_hidden_daemon()
    {
        var result = await Cli.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Example:", result.StdOut);
        Assert.Contains("intercept", result.StdOut);
        Assert.DoesNotContain("daemon-foreground", result.StdOut);
    }
}
