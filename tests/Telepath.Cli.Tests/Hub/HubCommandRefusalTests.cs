using Telepath.Cli.Tests.Harness;

namespace Telepath.Cli.Tests.Hub;

public sealed class HubCommandRefusalTests : CliTest
{
    [Theory]
    [InlineData("login")]
    [InlineData("dashboard")]
    public async Task Without_a_hub_flag_or_setting_the_command_says_where_to_set_one(string command)
    {
        var result = await Cli.RunAsync(command);

        Assert.Equal(Lines.Of("telepath: no hub is set: pass --hub URL, or set hub.url in ~/.config/telepath/config.yml"), result.StdErr);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Logout_without_a_login_says_so()
    {
        var result = await Cli.RunAsync("logout");

        Assert.Equal(Lines.Of("telepath: not logged in to a hub"), result.StdErr);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task A_hub_that_is_not_an_http_url_is_refused()
    {
        var result = await Cli.RunAsync("login", "--hub", "hub.example.com");

        Assert.Equal(Lines.Of("telepath: \"hub.example.com\" is not a hub URL; give it as https://HOST[:PORT]"), result.StdErr);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task An_unreachable_hub_is_named_with_the_cause()
    {
        var result = await Cli.RunAsync("login", "--hub", "http://127.0.0.1:1");

        Assert.Equal(Lines.Of("telepath: cannot reach the hub at http://127.0.0.1:1/: Connection refused (127.0.0.1:1)"), result.StdErr);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Dashboard_prints_the_configured_hubs_dashboard_where_there_is_no_browser()
    {
        Directory.CreateDirectory(Path.Combine(Cli.Home, ".config", "telepath"));
        await File.WriteAllTextAsync(Path.Combine(Cli.Home, ".config", "telepath", "config.yml"), "hub:\n  url: https://hub.example.com\n");

        var result = await Cli.RunAsync("dashboard");

        Assert.Equal(Lines.Of("Dashboard: https://hub.example.com/dashboard"), result.StdOut);
        Assert.Equal(0, result.ExitCode);
    }
}
