using k8s;
using Grpc.Core;
using k8s.Autorest;
using k8s.Models;
using Telepath.TrafficManager.Cluster;

namespace Telepath.TrafficManager.Auth;

/// <summary>
/// The workload an agent's pod belongs to, by the pod's owner chain (pod → ReplicaSet → Deployment, or
/// pod → StatefulSet), each link checked by uid: the agent's own word about its workload counts for nothing.
/// </summary>
internal sealed class AgentWorkloads(ClusterClient cluster)
{
    public async Task<CallerCheck> ResolveAsync(string @namespace, string podName, string podUid, CancellationToken cancellationToken)
    {
        var api = cluster.Api;
        var pod = await ReadAsync(() => api.CoreV1.ReadNamespacedPodAsync(podName, @namespace, cancellationToken: cancellationToken), "pods").ConfigureAwait(false);
        if (pod.Refusal is not null)
        {
            return CallerCheck.Refuse(pod.Refusal);
        }

        if (pod.Value is null || pod.Value.Metadata.Uid != podUid)
        {
            return Refuse($"the agent's token names pod {podName} in namespace {@namespace}, which no longer exists");
        }

        var owner = Controller(pod.Value.Metadata);
        switch (owner?.Kind)
        {
            case "StatefulSet":
                return Admit(@namespace, pod.Value, "StatefulSet", owner.Name);
            case "ReplicaSet":
                var replicaSet = await ReadAsync(() => api.AppsV1.ReadNamespacedReplicaSetAsync(owner.Name, @namespace, cancellationToken: cancellationToken), "replicasets.apps").ConfigureAwait(false);
                if (replicaSet.Refusal is not null)
                {
                    return CallerCheck.Refuse(replicaSet.Refusal);
                }

                if (replicaSet.Value is null || replicaSet.Value.Metadata.Uid != owner.Uid)
                {
                    return Refuse($"pod {podName} in namespace {@namespace} names ReplicaSet {owner.Name} as its owner, which does not exist");
                }

                return Controller(replicaSet.Value.Metadata) is { Kind: "Deployment" } deployment
                    ? Admit(@namespace, pod.Value, "Deployment", deployment.Name)
                    : Admit(@namespace, pod.Value, "ReplicaSet", owner.Name);
            default:
                return Refuse($"pod {podName} in namespace {@namespace} is not part of a Deployment, ReplicaSet or StatefulSet, so it serves no workload Telepath intercepts");
        }
    }

    private static V1OwnerReference? Controller(V1ObjectMeta metadata) =>
        metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);

    private static CallerCheck Admit(string @namespace, V1Pod pod, string kind, string workload) =>
        CallerCheck.Admit(Caller.Agent(new AgentPod(@namespace, pod.Metadata.Name, pod.Metadata.Uid, kind, workload)));

    private static CallerCheck Refuse(string message) => CallerCheck.Refuse(new CallerRefusal(StatusCode.Unauthenticated, message));

    /// <returns>The object, null when it does not exist, or why the manager could not tell.</returns>
    private static async Task<(T? Value, CallerRefusal? Refusal)> ReadAsync<T>(Func<Task<T>> read, string resource)
        where T : class
    {
        try
        {
            return (await read().ConfigureAwait(false), null);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return (null, null);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            return (null, new CallerRefusal(StatusCode.Unavailable,
                $"the traffic manager may not get {resource}, which it reads to learn an agent's workload: reinstall it (telepath install) to update its ClusterRole"));
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or TaskCanceledException)
        {
            return (null, new CallerRefusal(StatusCode.Unavailable, $"the traffic manager could not read the agent's pod from the cluster: {e.Message}"));
        }
    }
}
