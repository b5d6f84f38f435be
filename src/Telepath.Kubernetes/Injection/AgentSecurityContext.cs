using k8s.Models;
using Telepath.Kubernetes.Manifests;

namespace Telepath.Kubernetes.Injection;

/// <summary>
/// The agent's securityContext: everything the "restricted" Pod Security Standard asks of a
/// container, seccomp included (the app's pod may set it per container only, and then a sidecar
/// without it is refused), and no capability at all.
/// </summary>
public static class AgentSecurityContext
{
    public static V1SecurityContext For(V1PodSpec pod, V1Container app) => new()
    {
        RunAsNonRoot = true,
        RunAsUser = UserOf(pod, app),
        RunAsGroup = GroupOf(pod, app),
        AllowPrivilegeEscalation = false,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    // The agent serves the app's volumes, so it must read what the app reads (a Secret's 0400 file is
    // the app user's), without the capabilities that would read everything. So it is the app's user
    // and group where the pod says which (container first, as the kubelet decides); a pod's fsGroup
    // already applies to every container. Root, or a user the image alone names, is not copied:
    // the agent stays the runtime image's "app" user then.
    private static long UserOf(V1PodSpec pod, V1Container app) =>
        (app.SecurityContext?.RunAsUser ?? pod.SecurityContext?.RunAsUser) is { } user and not 0 ? user : ManagerDeployment.AppUserId;

    private static long? GroupOf(V1PodSpec pod, V1Container app) =>
        (app.SecurityContext?.RunAsGroup ?? pod.SecurityContext?.RunAsGroup) is { } group and not 0 ? group : null;
}
