using k8s;
using k8s.Autorest;
using Telepath.Kubernetes.Errors;
using Telepath.Kubernetes.Rollout;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Injection;

/// <summary>
/// A bare ReplicaSet, and a StatefulSet updated OnDelete, do not replace their pods when the
/// template changes; deleting the outdated pods makes their controller create them anew.
/// </summary>
internal sealed class PodRecycler(IKubernetes client)
{
    public async Task ReplaceOutdatedAsync(Workload workload, CancellationToken cancellationToken)
    {
        var needed = workload.Kind == WorkloadKind.ReplicaSet
            || (workload.Resource is k8s.Models.V1StatefulSet s && s.Spec.UpdateStrategy?.Type == "OnDelete");
        if (!needed)
        {
            return;
        }

        var pods = await client.CoreV1.ListNamespacedPodAsync(
            workload.Namespace, labelSelector: RolloutWatcher.LabelSelector(workload), cancellationToken: cancellationToken);
        foreach (var pod in pods.Items.Where(p => p.Metadata.DeletionTimestamp is null && !RolloutEvaluator.RunsTemplate(p, workload.Template)))
        {
            try
            {
                await client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, workload.Namespace, cancellationToken: cancellationToken);
            }
            catch (HttpOperationException e) when (KubeStatus.IsNotFound(e))
            {
            }
            catch (HttpOperationException e) when (KubeStatus.IsForbidden(e))
            {
                throw Forbidden.ToUserError(e, "delete", "pods", workload.Namespace);
            }
        }
    }
}
