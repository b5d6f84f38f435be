using k8s;
using Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

namespace Telepath.Kubernetes.EndToEnd.Tests.Connect;

public sealed class ConnectTests
{
    [Fact]
    public async Task Connect_installs_the_manager_and_status_shows_the_Kubernetes_context()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);

        var connect = await laptop.MustRunAsync("connect");
        var status = await laptop.MustRunAsync("status");

        Assert.Contains("waiting for the traffic manager to be ready", connect.Stderr);
        Assert.Contains($"Connected to {cluster.ContextName} ({cluster.Server.Url}), namespace default", connect.Stdout);
        Assert.Contains($"  Context   : {cluster.ContextName} ({cluster.Server.Url})\n", status.Stdout);
        Assert.Contains("  Namespace : default\n", status.Stdout);
        Assert.Matches(@"  Manager   : telepath/telepath-manager v\d+\.\d+\.\d+", status.Stdout);
        Assert.DoesNotContain("Problem", status.Stdout);
    }

    [Fact]
    public async Task A_second_connect_finds_the_manager_installed_and_creates_nothing()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        await laptop.MustRunAsync("connect");
        await laptop.MustRunAsync("quit");

        var again = await laptop.MustRunAsync("connect");

        Assert.DoesNotContain("created ", again.Stderr);
    }

    [Fact]
    public async Task Connect_merges_several_kubeconfig_files_and_takes_the_context_flag()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        var second = Path.Combine(cluster.Directory, "second-kubeconfig");
        cluster.Server.WriteKubeconfig(second, "other", "shop");
        var missing = Path.Combine(cluster.Directory, "missing");
        await using var laptop = new KubeLaptop(string.Join(':', missing, cluster.KubeconfigPath, second));

        var connect = await laptop.MustRunAsync("connect", "--context", "other");
        var status = await laptop.MustRunAsync("status");

        Assert.Contains($"Connected to other ({cluster.Server.Url}), namespace shop", connect.Stdout);
        Assert.Contains("  Namespace : shop\n", status.Stdout);
    }

    [Fact]
    public async Task List_connects_through_the_current_context_when_nothing_is_connected()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await SampleWorkloads.CreateAsync(cluster.Client, "orders", "http");
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);

        var list = await laptop.MustRunAsync("list", "--output", "json");
        var status = await laptop.MustRunAsync("status");

        Assert.Contains($"Connected to {cluster.ContextName} ({cluster.Server.Url}), namespace default", list.Stderr);
        Assert.Contains("\"name\": \"orders\"", list.Stdout);
        Assert.Contains($"  Context   : {cluster.ContextName} ({cluster.Server.Url})\n", status.Stdout);
    }

    [Fact]
    public async Task Connect_to_another_context_while_connected_is_refused_before_anything_is_installed_there()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await using var other = await SimulatedCluster.StartAsync();
        var otherKubeconfig = Path.Combine(cluster.Directory, "other-kubeconfig");
        other.Server.WriteKubeconfig(otherKubeconfig, "other", "default");
        await using var laptop = new KubeLaptop(string.Join(':', cluster.KubeconfigPath, otherKubeconfig));
        await laptop.MustRunAsync("connect");

        var same = await laptop.MustRunAsync("connect", "--context", cluster.ContextName);
        var refused = await laptop.RunAsync("connect", "--context", "other");
        var otherNamespaces = await other.Client.CoreV1.ListNamespaceAsync();

        Assert.Contains($"Connected to {cluster.ContextName} ({cluster.Server.Url}), namespace default", same.Stdout);
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"telepath: already connected to {cluster.ContextName} ({cluster.Server.Url}), namespace default; run \"telepath quit\" first\n", refused.Stderr);
        Assert.DoesNotContain(otherNamespaces.Items, n => n.Metadata.Name == "telepath");
    }
}
