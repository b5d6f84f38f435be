using Telepath.Cli.Tests.Harness;

namespace Telepath.Cli.Tests.Errors;

public sealed class NotConnectedTests : CliTest
{
    private const string NotConnected = "telepath: not connected to a cluster; run \"telepath connect\" first";

    [Theory]
    [InlineData("leave", "orders")]
    [InlineData("watch")]
    public async Task Commands_that_need_a_connection_say_how_to_connect_and_start_no_daemon(params string[] args)
    {
        var result = await Cli.RunAsync(args);

        Assert.Equal(Lines.Of(NotConnected), result.StdErr);
        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(Cli.SocketPath), "no daemon should have been started");
    }

    // They connect through the kubeconfig when nothing is connected; without one, that is the error.
    [Theory]
    [InlineData("intercept", "orders", "--port", "8080")]
    [InlineData("list")]
    public async Task Commands_that_connect_when_needed_name_the_missing_kubeconfig_and_start_no_daemon(params string[] args)
    {
        var result = await Cli.RunAsync(args);

        Assert.Equal(Lines.Of("telepath: no kubeconfig found: set KUBECONFIG or create ~/.kube/config"), result.StdErr);
        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(Cli.SocketPath), "no daemon should have been started");
    }

    [Fact]
    public async Task A_command_that_does_not_exist_is_a_usage_error()
    {
        var result = await Cli.RunAsync("intercpt");

        Assert.StartsWith("telepath: Unrecognized command or argument 'intercpt'", result.StdErr);
        Assert.Equal(2, result.ExitCode);
    }
}
