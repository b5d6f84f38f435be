using Telepath.Cli.Tests.Harness;
using Telepath.Testing.Managers;

namespace Telepath.Cli.Tests.Connect;

public sealed class ConnectTests : CliTest
{
    private LoopbackManager _manager = null!;

    public static string ClientName => $"{Environment.UserName}@{System.Net.Dns.GetHostName()}";

    public override async Task InitializeAsync() => _manager = await LoopbackManager.StartAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _manager.DisposeAsync();
    }

    [Fact]
    public async Task Connect_then_status_shows_the_direct_connection()
    {
        var token = Cli.WriteFile("token", LoopbackManager.Token + "\n");

        var connect = await Cli.RunAsync("connect", "--manager", _manager.Address, "--token-file", token);

        Assert.Equal(Lines.Of($"Connected to direct ({_manager.Address}), namespace default"), connect.StdOut);
        Assert.Equal(0, connect.ExitCode);

        var status = await Cli.RunAsync("status");

        Assert.Equal(
            Lines.Of(
                "Daemon: Running",
                "  Version   : v0.1.0",
                "Connected",
                $"  Context   : direct ({_manager.Address})",
                "  Namespace : default",
                $"  Manager   : {_manager.Address} v0.1.0",
                "  Proxy     : OFF (connected directly to a traffic manager; --proxy=socks reaches the cluster through it)",
                "  Intercepts: 0 total"),
            status.StdOut);

        var version = await Cli.RunAsync("version");

        Assert.Equal(Lines.Of("Client: v0.1.0", "Daemon: v0.1.0", "Manager: v0.1.0"), version.StdOut);
    }

    [Fact]
    public async Task Connect_again_to_the_same_manager_is_a_no_op_and_to_another_one_is_refused()
    {
        var token = Cli.WriteFile("token", LoopbackManager.Token);
        await Cli.RunAsync("connect", "--manager", _manager.Address, "--token-file", token);

        var again = await Cli.RunAsync("connect", "--manager", _manager.Address, "--token-file", token);
        var other = await Cli.RunAsync("connect", "--manager", "127.0.0.1:1", "--token-file", token);

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(Lines.Of($"telepath: already connected to {_manager.Address}, namespace default; run \"telepath quit\" first"), other.StdErr);
        Assert.Equal(1, other.ExitCode);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_in_one_line()
    {
        var token = Cli.WriteFile("token", "not-the-token");

        var connect = await Cli.RunAsync("connect", "--manager", _manager.Address, "--token-file", token);

        Assert.EndsWith(Lines.Of($"telepath: the traffic manager at {_manager.Address} refused the token (Unauthenticated); check the token file"), connect.StdErr);
        Assert.Equal(1, connect.ExitCode);
    }

    [Fact]
    public async Task Quit_departs_from_the_manager_and_stops_the_daemon()
    {
        var token = Cli.WriteFile("token", LoopbackManager.Token);
        await Cli.RunAsync("connect", "--manager", _manager.Address, "--token-file", token);

        var quit = await Cli.RunAsync("quit");

        Assert.Equal(Lines.Of("Telepath Daemon quitting...done"), quit.StdOut);
        Assert.Equal(0, quit.ExitCode);
        Assert.Equal(Lines.Of("Daemon: Not running"), (await Cli.RunAsync("status")).StdOut);
    }
}
