using Telepath.Daemon.Workloads;
using Telepath.Kubernetes.Workloads;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;
using KubeWorkloadEntry = Telepath.Kubernetes.Workloads.WorkloadEntry;

namespace Telepath.Daemon.Kubernetes;

/// <summary>
/// <c>telepath list</c> in Kubernetes mode: every workload of the namespace (or all) as the cluster
/// has it, judged by <see cref="WorkloadCatalog"/>; one that has an intercept at the manager is "intercepted".
/// </summary>
public static class ClusterWorkloadList
{
    public static async Task<ListReply> BuildAsync(KubeSession kube, InterceptSnapshot intercepts, bool allNamespaces, CancellationToken cancellationToken)
    {
        var entries = await new WorkloadCatalog(kube.Access.Client)
            .ListAsync(allNamespaces ? null : kube.Namespace, cancellationToken).ConfigureAwait(false);
        var reply = new ListReply();
        foreach (var workload in entries)
        {
            reply.Workloads.Add(Entry(workload, intercepts));
        }

        return reply;
    }

    private static Protocol.Daemon.WorkloadEntry Entry(KubeWorkloadEntry workload, InterceptSnapshot intercepts)
    {
        var entry = new Protocol.Daemon.WorkloadEntry
        {
            Name = workload.Name,
            Namespace = workload.Namespace,
            Kind = workload.Kind.ToString(),
            Interceptable = workload.Interceptable,
            State = workload.Reason,
        };
        entry.Intercepts.AddRange(intercepts.Intercepts.Where(i => i.Spec.Workload == workload.Name && i.Spec.Namespace == workload.Namespace));
        if (entry.Intercepts.Count > 0)
        {
            entry.State = WorkloadList.Intercepted;
        }

        return entry;
    }
}
