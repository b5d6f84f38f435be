using k8s;
using k8s.Models;
using Telepath.Kubernetes.Json;

namespace Telepath.Kubernetes.Workloads;

/// <summary>
/// One Deployment, ReplicaSet or StatefulSet as read from the cluster, with what the injection
/// and the restore need of it: its metadata (annotations) and its pod template.
/// </summary>
public sealed record Workload(WorkloadKind Kind, IKubernetesObject<V1ObjectMeta> Resource)
{
    public string Name => Resource.Metadata.Name;

    public string Namespace => Resource.Metadata.NamespaceProperty;

    public V1ObjectMeta Metadata => Resource.Metadata;

    public V1PodTemplateSpec Template => Resource switch
    {
        V1Deployment d => d.Spec.Template,
        V1ReplicaSet r => r.Spec.Template,
        V1StatefulSet s => s.Spec.Template,
        _ => throw new InvalidOperationException($"not a workload: {Resource.Kind}"),
    };

    public V1LabelSelector? Selector => Resource switch
    {
        V1Deployment d => d.Spec.Selector,
        V1ReplicaSet r => r.Spec.Selector,
        V1StatefulSet s => s.Spec.Selector,
        _ => null,
    };

    /// <summary>Desired pods; the API's default of 1 when unset.</summary>
    public int Replicas => Resource switch
    {
        V1Deployment d => d.Spec.Replicas ?? 1,
        V1ReplicaSet r => r.Spec.Replicas ?? 1,
        V1StatefulSet s => s.Spec.Replicas ?? 1,
        _ => 1,
    };

    public string Describe() => $"{Kind.Noun()} \"{Name}\"";

    /// <summary>A copy with another pod template and other annotations; this one is not changed.</summary>
    public Workload With(V1PodTemplateSpec template, IDictionary<string, string>? annotations)
    {
        IKubernetesObject<V1ObjectMeta> copy;
        switch (Resource)
        {
            case V1Deployment d:
                var deployment = KubeJson.Clone(d);
                deployment.Spec.Template = template;
                copy = deployment;
                break;
            case V1ReplicaSet r:
                var replicaSet = KubeJson.Clone(r);
                replicaSet.Spec.Template = template;
                copy = replicaSet;
                break;
            case V1StatefulSet s:
                var statefulSet = KubeJson.Clone(s);
                statefulSet.Spec.Template = template;
                copy = statefulSet;
                break;
            default:
                throw new InvalidOperationException($"not a workload: {Resource.Kind}");
        }

        copy.Metadata.Annotations = annotations is { Count: > 0 } ? annotations : null;
        return this with { Resource = copy };
    }
}
