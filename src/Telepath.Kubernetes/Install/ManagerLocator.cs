using k8s;
using k8s.Models;
using Telepath.Core;
using Telepath.Kubernetes.Manifests;
using Telepath.Kubernetes.Rollout;

namespace Telepath.Kubernetes.Install;

/// <summary>Finds a ready manager pod, the one the daemon port-forwards to.</summary>
public sealed class ManagerLocator(IKubernetes client)
{
    public async Task<V1Pod> FindReadyPodAsync(string @namespace, CancellationToken cancellationToken = default)
    {
        var selector = $"{ManagerLabels.Name}={ManagerNames.Manager}";
        var pods = await client.CoreV1.ListNamespacedPodAsync(@namespace, labelSelector: selector, cancellationToken: cancellationToken);
        return pods.Items
            .Where(PodProblems.IsReady)
            .OrderByDescending(p => p.Metadata.CreationTimestamp)
            .FirstOrDefault()
            ?? throw new UserErrorException(pods.Items.Count == 0
                ? $"the traffic manager is not installed in namespace \"{@namespace}\": run \"telepath install\""
                : $"the traffic manager in namespace \"{@namespace}\" is not ready ({Why(pods.Items[0])})");
    }

    private static string Why(V1Pod pod) =>
        PodProblems.Fatality(pod) ?? $"pod \"{pod.Metadata.Name}\": {PodProblems.Waiting(pod) ?? "not ready"}";
}
