using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Telepath.Core;
using Telepath.Daemon.Intercepts;
using Telepath.Kubernetes.Errors;

namespace Telepath.Daemon.Kubernetes;

/// <summary>
/// Claims as annotations on the workload's own metadata, written with a JSON merge patch: a change to
/// metadata alone starts no rollout, and only someone allowed to patch the workload can make it.
/// </summary>
public sealed class WorkloadClaimPatcher(IKubernetes client) : IWorkloadClaimWriter
{
    public async Task WriteAsync(WorkloadClaimTarget target, string value, CancellationToken cancellationToken)
    {
        try
        {
            await PatchAsync(target, value, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (KubeStatus.IsForbidden(e))
        {
            var refusal = Forbidden.ToUserError(e, "patch", Resource(target.Kind), target.Namespace);
            throw new UserErrorException($"cannot intercept {target.Kind} \"{target.Workload}\": {refusal.Message}");
        }
        catch (HttpOperationException e) when (KubeStatus.IsNotFound(e))
        {
            throw new UserErrorException($"{target.Kind} \"{target.Workload}\" does not exist in namespace \"{target.Namespace}\"");
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException)
        {
            throw new UserErrorException($"cannot write the intercept's claim on {target.Kind} \"{target.Workload}\" in namespace \"{target.Namespace}\": {e.Message}");
        }
    }

    public Task RemoveAsync(WorkloadClaimTarget target, CancellationToken cancellationToken) => PatchAsync(target, null, cancellationToken);

    private Task PatchAsync(WorkloadClaimTarget target, string? value, CancellationToken cancellationToken)
    {
        // A null value removes the key in a merge patch.
        var patch = new V1Patch(
            new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [target.Annotation] = value } } }.ToJsonString(),
            V1Patch.PatchType.MergePatch);
        var apps = client.AppsV1;
        return target.Kind switch
        {
            "Deployment" => apps.PatchNamespacedDeploymentAsync(patch, target.Workload, target.Namespace, cancellationToken: cancellationToken) as Task,
            "StatefulSet" => apps.PatchNamespacedStatefulSetAsync(patch, target.Workload, target.Namespace, cancellationToken: cancellationToken),
            "ReplicaSet" => apps.PatchNamespacedReplicaSetAsync(patch, target.Workload, target.Namespace, cancellationToken: cancellationToken),
            _ => throw new UserErrorException($"cannot intercept a {target.Kind}: only Deployments, ReplicaSets and StatefulSets"),
        };
    }

    private static string Resource(string kind) => kind.ToLowerInvariant() + "s.apps";
}
