using k8s.Models;

namespace Telepath.Kubernetes.Rollout;

/// <summary>
/// The pod's own reasons that no amount of waiting fixes: a rollout stops at the first one and
/// names it, rather than running into its timeout.
/// </summary>
public static class PodProblems
{
    private static readonly HashSet<string> Fatal =
    [
        "ImagePullBackOff", "ErrImagePull", "InvalidImageName", "ErrImageNeverPull",
        "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError", "RunContainerError",
    ];

    /// <summary>The first fatal reason of any container of the pod, as one sentence; null when there is none.</summary>
    public static string? Fatality(V1Pod pod)
    {
        var statuses = (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? []);
        foreach (var status in statuses)
        {
            if (status.State?.Waiting is { Reason: { } reason } waiting && Fatal.Contains(reason))
            {
                var image = status.Image is { Length: > 0 } i ? i : ImageOf(pod, status.Name);
                var what = reason is "ImagePullBackOff" or "ErrImagePull" or "InvalidImageName" or "ErrImageNeverPull"
                    ? $"{reason} for image \"{image}\""
                    : reason == "CrashLoopBackOff" && status.LastState?.Terminated is { } last
                        ? $"CrashLoopBackOff (it exited with code {last.ExitCode}{(last.Reason is { Length: > 0 } r ? $", {r}" : "")})"
                        : reason;
                var detail = waiting.Message is { Length: > 0 } message ? $": {message}" : "";
                return $"pod \"{pod.Metadata.Name}\", container \"{status.Name}\": {what}{detail}";
            }
        }

        return null;
    }

    /// <summary>What a pod still waits for, for progress lines ("ContainerCreating", "Unschedulable: 0/3 nodes...").</summary>
    public static string? Waiting(V1Pod pod)
    {
        if (pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False") is { } unscheduled)
        {
            return $"{unscheduled.Reason}: {unscheduled.Message}".TrimEnd(' ', ':');
        }

        var waiting = (pod.Status?.ContainerStatuses ?? []).Select(s => s.State?.Waiting?.Reason).FirstOrDefault(r => r is not null);
        if (waiting is not null)
        {
            return waiting;
        }

        return IsReady(pod) ? null : pod.Status?.Phase ?? "Pending";
    }

    public static bool IsReady(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null
        && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static string? ImageOf(V1Pod pod, string container) =>
        pod.Spec?.Containers?.Concat(pod.Spec.InitContainers ?? []).FirstOrDefault(c => c.Name == container)?.Image;
}
