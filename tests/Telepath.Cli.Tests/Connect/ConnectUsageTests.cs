using Telepath.Cli.Tests.Harness;

namespace Telepath.Cli.Tests.Connect;

public sealed class ConnectUsageTests : CliTest
{
    [Fact]
    public async Task A_token_file_without_a_manager_is_a_usage_error()
    {
        var token = Cli.WriteFile("token", "secret\n");

        var result = await Cli.RunAsync("connect", "--token-file", token);

        Assert.Equal(Lines.Of("telepath: --token-file goes with --manager HOST:PORT; through Kubernetes the token is read from the cluster"), result.StdErr);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task A_manager_address_without_a_port_is_a_usage_error()
    {
        var token = Cli.WriteFile("token", "secret\n");

        var result = await Cli.RunAsync("connect", "--manager", "localhost", "--token-file", token);

        Assert.Equal(Lines.Of("telepath: invalid --manager \"localhost\": expected HOST:PORT with a port from 1 to 65535"), result.StdErr);
        Assert.Equal(2, result.ExitCode);
    }

    [Theory]
    [InlineData("telepath: invalid --proxy \"http\": expected on (nftables and DNS, needs root or sudo), off, or socks (a SOCKS5 and HTTP CONNECT proxy on 127.0.0.1)", "--proxy=http")]
    [InlineData("telepath: --proxy-port goes with --proxy=socks", "--proxy-port=1080")]
    [InlineData("telepath: invalid --proxy-port \"70000\": expected a port from 1 to 65535", "--proxy=socks", "--proxy-port=70000")]
    public async Task A_bad_proxy_flag_is_a_usage_error(string error, params string[] flags)
    {
        var token = Cli.WriteFile("token", "secret\n");

        var result = await Cli.RunAsync(["connect", "--manager", "127.0.0.1:8081", "--token-file", token, .. flags]);

        Assert.Equal(Lines.Of(error), result.StdErr);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task A_missing_token_file_is_one_line_and_starts_no_daemon()
    {
        var missing = Path.Combine(Cli.Root, "no-such-token");

        var result = await Cli.RunAsync("connect", "--manager", "127.0.0.1:8081", "--token-file", missing);

        Assert.StartsWith($"telepath: cannot read the token file {missing}: ", result.StdErr);
        Assert.Single(result.StdErr.TrimEnd('\n').Split('\n'));
        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(Cli.SocketPath));
    }

    [Fact]
    public async Task Connect_to_a_closed_port_says_the_connection_was_refused_and_stops_the_daemon_it_started()
    {
        var token = Cli.WriteFile("token", "secret\n");
        var address = $"127.0.0.1:{ClosedPort.Find()}";

        var connect = await Cli.RunAsync("connect", "--manager", address, "--token-file", token);

        Assert.Equal(Lines.Of("Launching Telepath Daemon...", $"telepath: cannot reach the traffic manager at {address}: connection refused"), connect.StdErr);
        Assert.Equal(1, connect.ExitCode);
        Assert.False(File.Exists(Cli.PidFile), "a failed connect leaves no daemon it started");
        Assert.False(File.Exists(Cli.SocketPath), "the daemon's socket was left behind");
        Assert.Equal(Lines.Of("Daemon: Not running"), (await Cli.RunAsync("status")).StdOut);
    }

    [Fact]
    public async Task A_failed_connect_leaves_a_daemon_it_did_not_start_running()
    {
        await Cli.StartIdleDaemonAsync();
        var token = Cli.WriteFile("token", "secret\n");

        var connect = await Cli.RunAsync("connect", "--manager", $"127.0.0.1:{ClosedPort.Find()}", "--token-file", token);

        Assert.Equal(1, connect.ExitCode);
        Assert.StartsWith(Lines.Of("Daemon: Running"), (await Cli.RunAsync("status")).StdOut);
    }
}
