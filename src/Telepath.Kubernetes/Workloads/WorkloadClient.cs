using k8s;
using k8s.Models;
using Telepath.Core;
using Telepath.Kubernetes.Errors;

namespace Telepath.Kubernetes.Workloads;

/// <summary>Reads and patches the three workload kinds through one shape.</summary>
public sealed class WorkloadClient(IKubernetes client)
{
    public async Task<Workload> GetAsync(WorkloadKind kind, string name, string @namespace, CancellationToken cancellationToken)
    {
        try
        {
            IKubernetesObject<V1ObjectMeta> resource = kind switch
            {
                WorkloadKind.Deployment => await client.AppsV1.ReadNamespacedDeploymentAsync(name, @namespace, cancellationToken: cancellationToken),
                WorkloadKind.ReplicaSet => await client.AppsV1.ReadNamespacedReplicaSetAsync(name, @namespace, cancellationToken: cancellationToken),
                WorkloadKind.StatefulSet => await client.AppsV1.ReadNamespacedStatefulSetAsync(name, @namespace, cancellationToken: cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(kind)),
            };
            return new Workload(kind, Normalized(kind, resource));
        }
        catch (k8s.Autorest.HttpOperationException e) when (KubeStatus.IsNotFound(e))
        {
            throw new UserErrorException($"{kind.Noun()} \"{name}\" not found in namespace \"{@namespace}\"");
        }
    }

    public async Task<Workload> PatchAsync(Workload workload, V1Patch patch, CancellationToken cancellationToken)
    {
        try
        {
            IKubernetesObject<V1ObjectMeta> resource = workload.Kind switch
            {
                WorkloadKind.Deployment => await client.AppsV1.PatchNamespacedDeploymentAsync(patch, workload.Name, workload.Namespace, cancellationToken: cancellationToken),
                WorkloadKind.ReplicaSet => await client.AppsV1.PatchNamespacedReplicaSetAsync(patch, workload.Name, workload.Namespace, cancellationToken: cancellationToken),
                WorkloadKind.StatefulSet => await client.AppsV1.PatchNamespacedStatefulSetAsync(patch, workload.Name, workload.Namespace, cancellationToken: cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(workload)),
            };
            return new Workload(workload.Kind, Normalized(workload.Kind, resource));
        }
        catch (k8s.Autorest.HttpOperationException e) when (KubeStatus.IsForbidden(e))
        {
            throw Forbidden.ToUserError(e, "patch", workload.Kind.Resource(), workload.Namespace);
        }
    }

    /// <summary>Every workload of a namespace (null: of all namespaces).</summary>
    public async Task<IReadOnlyList<Workload>> ListAsync(string? @namespace, CancellationToken cancellationToken)
    {
        var deployments = @namespace is null
            ? await client.AppsV1.ListDeploymentForAllNamespacesAsync(cancellationToken: cancellationToken)
            : await client.AppsV1.ListNamespacedDeploymentAsync(@namespace, cancellationToken: cancellationToken);
        var replicaSets = @namespace is null
            ? await client.AppsV1.ListReplicaSetForAllNamespacesAsync(cancellationToken: cancellationToken)
            : await client.AppsV1.ListNamespacedReplicaSetAsync(@namespace, cancellationToken: cancellationToken);
        var statefulSets = @namespace is null
            ? await client.AppsV1.ListStatefulSetForAllNamespacesAsync(cancellationToken: cancellationToken)
            : await client.AppsV1.ListNamespacedStatefulSetAsync(@namespace, cancellationToken: cancellationToken);
        return
        [
            .. deployments.Items.Select(d => new Workload(WorkloadKind.Deployment, Normalized(WorkloadKind.Deployment, d))),
            .. replicaSets.Items.Select(r => new Workload(WorkloadKind.ReplicaSet, Normalized(WorkloadKind.ReplicaSet, r))),
            .. statefulSets.Items.Select(s => new Workload(WorkloadKind.StatefulSet, Normalized(WorkloadKind.StatefulSet, s))),
        ];
    }

    // Items of a list come without kind and apiVersion; messages and owner checks want them.
    private static IKubernetesObject<V1ObjectMeta> Normalized(WorkloadKind kind, IKubernetesObject<V1ObjectMeta> resource)
    {
        resource.ApiVersion ??= "apps/v1";
        resource.Kind ??= kind.ToString();
        return resource;
    }
}
