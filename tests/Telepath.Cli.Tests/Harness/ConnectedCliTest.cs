using Telepath.Testing.Managers;

namespace Telepath.Cli.Tests.Harness;

/// <summary>A sandbox whose daemon is connected to a real in-process manager.</summary>
public abstract class ConnectedCliTest : CliTest
{
    protected LoopbackManager Manager { get; private set; } = null!;

    protected static string ClientName => $"{Environment.UserName}@{System.Net.Dns.GetHostName()}";

    public override async Task InitializeAsync()
    {
        Manager = await LoopbackManager.StartAsync();
        var token = Cli.WriteFile("token", LoopbackManager.Token);
        var connect = await Cli.RunAsync("connect", "--manager", Manager.Address, "--token-file", token);
        Assert.True(connect.ExitCode == 0, connect.ToString());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Manager.DisposeAsync();
    }
}
