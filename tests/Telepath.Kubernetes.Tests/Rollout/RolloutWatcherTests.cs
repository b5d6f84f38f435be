using k8s;
using k8s.Models;
using Telepath.KubeApi.TestServer;
using Telepath.Kubernetes.Rollout;
using Telepath.Kubernetes.Tests.Infrastructure;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Tests.Rollout;

public class RolloutWatcherTests
{
    [Fact]
    public async Task A_rollout_that_never_gets_ready_times_out_naming_what_it_waited_for()
    {
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { PodRunner = new RecordingPodRunner() });
        await cluster.CreateDeploymentAsync("orders");
        var hang = """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"example/orders:hangs"}]}}}}""";
        await cluster.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(hang, V1Patch.PatchType.StrategicMergePatch), "orders", "default");
        var workload = await new WorkloadClient(cluster.Client).GetAsync(WorkloadKind.Deployment, "orders", "default", CancellationToken.None);
        var progress = new ProgressLog();

        var outcome = await new RolloutWatcher(cluster.Client).WaitAsync(workload, TimeSpan.FromSeconds(2), progress, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("timed out after 2 s waiting for deployment \"orders\" to roll out (", outcome.Failure);
        Assert.NotEmpty(progress.Lines);
        Assert.All(progress.Lines, l => Assert.StartsWith("deployment \"orders\": ", l));
    }

    [Fact]
    public async Task A_rollout_that_gets_ready_succeeds_with_a_last_progress_line()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("orders");
        var workload = await new WorkloadClient(cluster.Client).GetAsync(WorkloadKind.Deployment, "orders", "default", CancellationToken.None);
        var progress = new ProgressLog();

        var outcome = await new RolloutWatcher(cluster.Client).WaitAsync(workload, TimeSpan.FromSeconds(20), progress, CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.Equal("deployment \"orders\": 2 of 2 updated pods are available", progress.Lines[^1]);
    }
}
