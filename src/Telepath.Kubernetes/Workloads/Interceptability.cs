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

    public static WorkloadEntry Judge(Workload workload, IReadOnlyList<V1Service> selecting)
    {
        var names = selecting.Select(s => s.Metadata.Name).ToList();
        var installed = AgentTemplate.HasAgent(workload.Template);
        string? refusal = null;
        if (workload.Metadata.Labels?.TryGetValue(ManagerLabels.Name, out var app) == true && app == ManagerNames.Manager)
        {
            refusal = "not interceptable (it is Telepath's traffic manager)";
        }
        else if (workload.Template.Spec?.HostNetwork == true)
        {
            refusal = "not interceptable (it uses the node's network: hostNetwork is true)";
        }
        else if (selecting.Count == 0)
        {
            refusal = "not interceptable (no service selects it)";
        }
        else if (selecting.All(s => (s.Spec.Ports ?? []).Count == 0))
        {
            refusal = "not interceptable (the services that select it have no ports)";
        }

        var reason = refusal
            ?? (installed ? "ready to intercept (traffic-agent already installed)" : "ready to intercept (traffic-agent not yet installed)");
        return new WorkloadEntry(workload.Kind, workload.Name, workload.Namespace, names, refusal is null, installed, reason);
    }
}
