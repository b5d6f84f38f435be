using Telepath.EndToEnd.Tests.Cluster;

namespace Telepath.EndToEnd.Tests.Refusals;

[Collection(RefusalsCollection.Name)]
public sealed class ConnectionRefusalTests(ClusterFixture cluster)
{
    private const string NotConnected =
        "telepath: not connected to a cluster; run \"telepath connect\" first\n";

    [Fact]
    public async Task Leave_is_refused_before_connect()
    {
        await using var laptop = cluster.NewLaptop("fresh");

        var result = await laptop.RunAsync("leave", "orders");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(NotConnected, result.Stderr);
    }

    // These connect through the kubeconfig when nothing is connected; the laptop has none.
    [Theory]
    [InlineData("intercept", "orders", "--port", "8080")]
    [InlineData("list")]
    public async Task A_command_that_connects_when_needed_names_the_missing_kubeconfig(params string[] command)
    {
        await using var laptop = cluster.NewLaptop("fresh");

        var result = await laptop.RunAsync(command);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"telepath: no kubeconfig found at {Path.Combine(laptop.Home, "no-kubeconfig")}: check KUBECONFIG\n", result.Stderr);
    }

    [Fact]
    public async Task Connect_with_a_wrong_token_is_refused_naming_the_manager()
    {
        await using var laptop = cluster.NewLaptop("mallory");
        var wrongToken = Path.Combine(laptop.Home, "token");
        await File.WriteAllTextAsync(wrongToken, "not-the-token\n");

        var result = await laptop.RunAsync("connect", "--manager", cluster.ManagerAddress, "--token-file", wrongToken);

        Assert.Equal(1, result.ExitCode);
        // Before it, the CLI may say that it launches the daemon.
        Assert.EndsWith($"\ntelepath: the traffic manager at {cluster.ManagerAddress} refused the token (Unauthenticated); check the token file\n", "\n" + result.Stderr);
        Assert.Single(result.Stderr.Split('\n'), line => line.StartsWith("telepath: ", StringComparison.Ordinal));
    }
}
