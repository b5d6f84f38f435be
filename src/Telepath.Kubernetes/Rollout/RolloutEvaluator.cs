using k8s.Models;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Rollout;

/// <summary>
/// Judges a rollout from the workload's status and its pods, the way <c>kubectl rollout status</c>
/// does, and fails at once on a pod reason that waiting will not fix. "New" pods are those that
/// run the template's containers and images: they are what the rollout is waiting for.
/// </summary>
public static class RolloutEvaluator
{
    public static RolloutState Evaluate(Workload workload, IReadOnlyList<V1Pod> pods)
    {
        var fresh = pods.Where(p => p.Metadata.DeletionTimestamp is null && RunsTemplate(p, workload.Template)).ToList();
        foreach (var pod in fresh)
        {
            if (PodProblems.Fatality(pod) is { } fatal)
            {
                return new RolloutState(false, fatal, fatal);
            }
        }

        var waitingFor = fresh.Select(p => (p.Metadata.Name, Reason: PodProblems.Waiting(p))).FirstOrDefault(p => p.Reason is not null);
        var state = workload.Resource switch
        {
            V1Deployment d => Deployment(d, workload.Replicas),
            V1StatefulSet s => StatefulSet(s, workload.Replicas),
            _ => ByPods(workload, pods, fresh),
        };
        return waitingFor.Reason is not null && !state.Done && state.Failure is null
            ? state with { Progress = $"{state.Progress} (pod {waitingFor.Name}: {waitingFor.Reason})" }
            : state;
    }

    /// <summary>A pod runs the template when it has the template's containers with the same images.</summary>
    public static bool RunsTemplate(V1Pod pod, V1PodTemplateSpec template)
    {
        var want = (template.Spec?.Containers ?? []).Select(c => (c.Name, c.Image)).ToHashSet();
        var have = (pod.Spec?.Containers ?? []).Select(c => (c.Name, c.Image)).ToHashSet();
        return want.SetEquals(have);
    }

    private static RolloutState Deployment(V1Deployment d, int replicas)
    {
        var status = d.Status ?? new V1DeploymentStatus();
        if (status.Conditions?.FirstOrDefault(c => c.Type == "Progressing" && c.Reason == "ProgressDeadlineExceeded") is { } stuck)
        {
            return new RolloutState(false, $"deployment \"{d.Metadata.Name}\" exceeded its progress deadline: {stuck.Message}", "stuck");
        }

        if ((status.ObservedGeneration ?? 0) < (d.Metadata.Generation ?? 0))
        {
            return new RolloutState(false, null, "waiting for the deployment controller to see the change");
        }

        var updated = status.UpdatedReplicas ?? 0;
        var available = status.AvailableReplicas ?? 0;
        var total = status.Replicas ?? 0;
        if (updated < replicas)
        {
            return new RolloutState(false, null, $"{updated} of {replicas} pods updated");
        }

        if (total > updated)
        {
            return new RolloutState(false, null, $"{total - updated} old pods are terminating");
        }

        return available < replicas
            ? new RolloutState(false, null, $"{available} of {replicas} updated pods are available")
            : new RolloutState(true, null, $"{replicas} of {replicas} updated pods are available");
    }

    private static RolloutState StatefulSet(V1StatefulSet s, int replicas)
    {
        var status = s.Status ?? new V1StatefulSetStatus();
        if ((status.ObservedGeneration ?? 0) < (s.Metadata.Generation ?? 0))
        {
            return new RolloutState(false, null, "waiting for the statefulset controller to see the change");
        }

        var updated = status.UpdatedReplicas ?? 0;
        var ready = status.ReadyReplicas ?? 0;
        if (updated < replicas)
        {
            return new RolloutState(false, null, $"{updated} of {replicas} pods updated");
        }

        return ready < replicas
            ? new RolloutState(false, null, $"{ready} of {replicas} updated pods are ready")
            : new RolloutState(true, null, $"{replicas} of {replicas} updated pods are ready");
    }

    // A bare ReplicaSet does not replace its pods when its template changes; the caller deletes
    // the old ones and this waits for new, ready ones.
    private static RolloutState ByPods(Workload workload, IReadOnlyList<V1Pod> pods, List<V1Pod> fresh)
    {
        var replicas = workload.Replicas;
        var old = pods.Count(p => p.Metadata.DeletionTimestamp is null && !RunsTemplate(p, workload.Template));
        var ready = fresh.Count(PodProblems.IsReady);
        if (old > 0)
        {
            return new RolloutState(false, null, $"{old} old pods are being replaced");
        }

        return ready < replicas
            ? new RolloutState(false, null, $"{ready} of {replicas} updated pods are ready")
            : new RolloutState(true, null, $"{replicas} of {replicas} updated pods are ready");
    }
}
