using k8s.Models;
using Telepath.Kubernetes.Rollout;
using Telepath.Kubernetes.Tests.Infrastructure;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Tests.Rollout;

public class RolloutEvaluatorTests
{
    [Fact]
    public void An_image_that_cannot_be_pulled_fails_at_once_naming_the_image()
    {
        var workload = WithStatus(updated: 1, available: 0, total: 3);
        var pod = Pod(workload, waiting: ("ImagePullBackOff", "Back-off pulling image \"example/orders:1.0\""));

        var state = RolloutEvaluator.Evaluate(workload, [pod]);

        Assert.Equal(
            "pod \"orders-new\", container \"app\": ImagePullBackOff for image \"example/orders:1.0\": Back-off pulling image \"example/orders:1.0\"",
            state.Failure);
    }

    [Fact]
    public void A_crash_loop_names_the_exit_code()
    {
        var workload = WithStatus(updated: 2, available: 0, total: 2);
        var pod = Pod(workload, waiting: ("CrashLoopBackOff", null));
        pod.Status.ContainerStatuses[0].LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 3, Reason = "Error" } };

        Assert.StartsWith("pod \"orders-new\", container \"app\": CrashLoopBackOff (it exited with code 3, Error)", RolloutEvaluator.Evaluate(workload, [pod]).Failure);
    }

    [Fact]
    public void An_old_pod_in_trouble_is_not_the_rollouts_concern()
    {
        var workload = WithStatus(updated: 2, available: 2, total: 2);
        var old = Pod(workload, waiting: ("CrashLoopBackOff", null));
        old.Spec.Containers[0].Image = "example/orders:0.9";

        Assert.True(RolloutEvaluator.Evaluate(workload, [old]).Done);
    }

    [Theory]
    [InlineData(1, 0, 2, "1 of 2 pods updated")]
    [InlineData(2, 1, 3, "1 old pods are terminating")]
    [InlineData(2, 1, 2, "1 of 2 updated pods are available")]
    public void Progress_reads_like_kubectl_rollout_status(int updated, int available, int total, string progress)
    {
        var state = RolloutEvaluator.Evaluate(WithStatus(updated, available, total), []);

        Assert.False(state.Done);
        Assert.Equal(progress, state.Progress);
    }

    [Fact]
    public void A_change_the_controller_has_not_seen_is_not_done()
    {
        var workload = WithStatus(2, 2, 2);
        ((V1Deployment)workload.Resource).Metadata.Generation = 2;

        Assert.False(RolloutEvaluator.Evaluate(workload, []).Done);
    }

    [Fact]
    public void All_updated_pods_available_is_done() =>
        Assert.True(RolloutEvaluator.Evaluate(WithStatus(2, 2, 2), []).Done);

    private static Workload WithStatus(int updated, int available, int total)
    {
        var workload = Objects.Deployment();
        ((V1Deployment)workload.Resource).Status = new V1DeploymentStatus
        {
            ObservedGeneration = 1,
            UpdatedReplicas = updated,
            AvailableReplicas = available,
            Replicas = total,
        };
        return workload;
    }

    private static V1Pod Pod(Workload workload, (string Reason, string? Message) waiting) => new()
    {
        Metadata = new V1ObjectMeta { Name = "orders-new", NamespaceProperty = "default" },
        Spec = new V1PodSpec { Containers = workload.Template.Spec.Containers.Select(c => new V1Container { Name = c.Name, Image = c.Image }).ToList() },
        Status = new V1PodStatus
        {
            Phase = "Pending",
            ContainerStatuses =
            [
                new V1ContainerStatus
                {
                    Name = "app",
                    Image = "example/orders:1.0",
                    State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = waiting.Reason, Message = waiting.Message } },
                },
            ],
        },
    };
}
