using Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;
using Telepath.KubeApi.TestServer;

namespace Telepath.Kubernetes.EndToEnd.Tests.Refusals;

public sealed class ClusterRefusalTests
{
    [Fact]
    public async Task A_context_that_does_not_exist_is_one_line_naming_it()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);

        var result = await laptop.RunAsync("connect", "--context", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"telepath: no context \"nope\" in the kubeconfig (contexts: {cluster.ContextName})\n", result.Stderr);
    }

    [Fact]
    public async Task Expired_credentials_are_one_line_naming_the_context()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        cluster.Server.ExpireToken(KubeApiServerOptions.DefaultToken);

        var result = await laptop.RunAsync("connect");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"telepath: the cluster of context \"{cluster.ContextName}\" refused the credentials (401 Unauthorized)", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("uninstall")]
    [InlineData("uninstall", "--agent", "orders", "--everything")]
    [InlineData("intercept", "orders", "--port", "8080:")]
    [InlineData("intercept", "orders", "--port", "8080", "--timeout", "soon")]
    public async Task Bad_input_is_a_usage_error_of_one_line(params string[] arguments)
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);

        var result = await laptop.RunAsync(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("telepath: ", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
    }
}
