using Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

namespace Telepath.Kubernetes.EndToEnd.Tests.Connect;

public sealed class ConnectTests
{
    [Fact]
    public async Task Connect_installs_the_manager_and_status_shows_the_Kubernetes_context()
    {
        await using var cluster = await KubeCluster.StartAsync();
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);

        var connect = await laptop.MustRunAsync("connect");
        var status = await laptop.MustRunAsync("status");

        Assert.Contains("waiting for the traffic manager to be ready", connect.Stderr);
        Assert.Contains($"Connected to {KubeCluster.ContextName} ({cluster.Server.Url}), namespace default", connect.Stdout);
        Assert.Contains($"  Context   : {KubeCluster.ContextName} ({cluster.Server.Url})\n", status.Stdout);
        Assert.Contains("  Namespace : default\n", status.Stdout);
        Assert.Matches(@"  Manager   : telepath/telepath-manager v\d+\.\d+\.\d+", status.Stdout);
        Assert.DoesNotContain("Problem", status.Stdout);
    }

    [Fact]
    public async Task A_second_connect_finds_the_manager_installed_and_creates_nothing()
    {
        await using var cluster = await KubeCluster.StartAsync();
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        await laptop.MustRunAsync("connect");
        await laptop.MustRunAsync("quit");

        var again = await laptop.MustRunAsync("connect");

        Assert.DoesNotContain("created ", again.Stderr);
    }

    [Fact]
    public async Task Connect_merges_several_kubeconfig_files_and_takes_the_context_flag()
    {
        await using var cluster = await KubeCluster.StartAsync();
        var second = Path.Combine(cluster.Directory, "second-kubeconfig");
        cluster.Server.WriteKubeconfig(second, "other", "shop");
        var missing = Path.Combine(cluster.Directory, "missing");
        await using var laptop = new KubeLaptop(string.Join(':', missing, cluster.KubeconfigPath, second));

        var connect = await laptop.MustRunAsync("connect", "--context", "other");
        var status = await laptop.MustRunAsync("status");

        Assert.Contains($"Connected to other ({cluster.Server.Url}), namespace shop", connect.Stdout);
        Assert.Contains("  Namespace : shop\n", status.Stdout);
    }
}
