using k8s.Models;
using Telepath.Core.Identity;

namespace Telepath.Kubernetes.Injection;

/// <summary>
/// How the agent proves to the manager which pod it runs in: its pod's service-account token,
/// projected for Telepath's audience only (the API server refuses it), which the kubelet replaces
/// before it expires and the manager checks with a TokenReview. Nothing is copied into the
/// workload's namespace. A service account or pod with <c>automountServiceAccountToken: false</c>
/// still gets this volume: that setting governs only the API token Kubernetes mounts by itself.
/// </summary>
public static class AgentIdentity
{
    public static V1Volume Volume() => new()
    {
        Name = AgentTemplate.VolumeName,
        Projected = new V1ProjectedVolumeSource
        {
            Sources =
            [
                new V1VolumeProjection
                {
                    ServiceAccountToken = new V1ServiceAccountTokenProjection
                    {
                        Audience = KubernetesIdentity.Audience,
                        ExpirationSeconds = KubernetesIdentity.TokenSeconds,
                        Path = Path.GetFileName(KubernetesIdentity.AgentTokenFile),
                    },
                },
            ],
        },
    };

    public static V1VolumeMount Mount() =>
        new() { Name = AgentTemplate.VolumeName, MountPath = KubernetesIdentity.AgentTokenDirectory, ReadOnlyProperty = true };

    /// <summary>Whether the template's agent still mounts the copy of the manager's token an older version made.</summary>
    public static bool IsLegacy(V1PodTemplateSpec template) =>
        template.Spec.Volumes?.Any(v => v.Name == AgentTemplate.LegacyVolumeName) == true;

    /// <summary>
    /// Gives an agent of an older version the projected token in place of the token copy, which a
    /// manager that trusts Kubernetes no longer accepts.
    /// </summary>
    public static void ReplaceLegacy(V1PodTemplateSpec template, V1Container agent)
    {
        template.Spec.Volumes = [.. template.Spec.Volumes!.Where(v => v.Name != AgentTemplate.LegacyVolumeName), Volume()];
        agent.VolumeMounts = [.. (agent.VolumeMounts ?? []).Where(m => m.Name != AgentTemplate.LegacyVolumeName), Mount()];
        var file = agent.Args?.IndexOf("--token-file") ?? -1;
        if (file >= 0 && file + 1 < agent.Args!.Count)
        {
            agent.Args[file + 1] = KubernetesIdentity.AgentTokenFile;
        }
    }
}
