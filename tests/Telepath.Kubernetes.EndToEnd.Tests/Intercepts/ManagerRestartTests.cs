using k8s;
using Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

namespace Telepath.Kubernetes.EndToEnd.Tests.Intercepts;

public sealed class ManagerRestartTests
{
    [Fact]
    public async Task An_intercept_comes_back_by_itself_when_the_manager_pod_is_replaced()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await SampleWorkloads.CreateAsync(cluster.Client, "orders", "8080");
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        await using var app = await LaptopApp.StartAsync();
        await laptop.MustRunAsync("connect");
        await laptop.MustRunAsync("intercept", "orders", "--port", app.Port.ToString());
        var manager = (await cluster.Client.CoreV1.ListNamespacedPodAsync("telepath")).Items.Single();

        await cluster.Client.CoreV1.DeleteNamespacedPodAsync(manager.Metadata.Name, "telepath");

        await Poll.UntilAsync(
            async () => (await cluster.Client.CoreV1.ListNamespacedPodAsync("telepath")).Items.Any(p => p.Metadata.Name != manager.Metadata.Name),
            () => "a new manager pod");
        // The old pod's manager may still serve for a moment after its object is gone (its process gets
        // SIGTERM and a grace period), and the laptop may answer through it: only once the daemon says
        // it reached the manager again is what follows about the new one.
        await Poll.UntilAsync(
            () => File.Exists(laptop.DaemonLog) && File.ReadAllText(laptop.DaemonLog).Contains("Reached the traffic manager", StringComparison.Ordinal),
            () => $"the daemon reaches the new manager\n{laptop.DaemonLogTail()}");
        string answer = "";
        ProcessResult? status = null;
        await Poll.UntilAsync(
            async () => (answer = await ClusterProbe.WhoAnswersAsync(cluster.Client, "orders")) == "laptop"
                && (status = await laptop.MustRunAsync("status")).Stdout.Contains("  Intercepts: 1 total\n", StringComparison.Ordinal)
                && !status.Stdout.Contains("Problem", StringComparison.Ordinal),
            () => $"the laptop answers and status shows the intercept and no problem\nanswer: {answer}\nstatus: {status}\n{laptop.DaemonLogTail()}");
    }
}
