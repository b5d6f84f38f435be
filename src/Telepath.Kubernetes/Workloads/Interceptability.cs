using k8s.Models;
using Telepath.Kubernetes.Injection;
using Telepath.Kubernetes.Manifests;

namespace Telepath.Kubernetes.Workloads;

/// <summary>The rules that say whether a workload can be intercepted, one reason each.</summary>
public static class Interceptability
{
    /// <summary>A ReplicaSet that a Deployment owns is that Deployment's rollout, not a workload of its own.</summary>
    public static bool IsOwnedByDeployment(Workload workload) =>
        workload.Kind == WorkloadKind.ReplicaSet
        && (workload.Metadata.OwnerReferences ?? []).Any(o => o.Kind == "Deployment" && o.Controller == true);

    /// <summary>Why the workload itself cannot be intercepted, whatever selects it; null when it can.</summary>
    public static string? Refusal(Workload workload) =>
        workload.Metadata.Labels?.TryGetValue(ManagerLabels.Name, out var app) == true && app == ManagerNames.Manager
            ? "not interceptable (it is Telepath's traffic manager)"
            : workload.Template.Spec?.HostNetwork == true
                ? "not interceptable (it uses the node's network: hostNetwork is true)"
                : null;

    public static WorkloadEntry Judge(Workload workload, IReadOnlyList<V1Service> selecting)
    {
        var names = selecting.Select(s => s.Metadata.Name).ToList();
        var installed = AgentTemplate.HasAgent(workload.Template);
        var refusal = Refusal(workload)
            ?? (selecting.Count == 0 ? "not interceptable (no service selects it)"
            : selecting.All(s => (s.Spec.Ports ?? []).Count == 0) ? "not interceptable (the services that select it have no ports)"
            : null);
        var reason = refusal
            ?? (installed ? "ready to intercept (traffic-agent already installed)" : "ready to intercept (traffic-agent not yet installed)");
        return new WorkloadEntry(workload.Kind, workload.Name, workload.Namespace, names, refusal is null, installed, reason);
    }
}
