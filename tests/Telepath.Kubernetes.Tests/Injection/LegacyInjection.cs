using k8s.Models;
using Telepath.Kubernetes.Injection;
using Telepath.Kubernetes.Json;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Tests.Injection;

/// <summary>
/// An injection as versions before Kubernetes identity made it: the agent mounted the copy of the
/// manager's token, Secret telepath-agent-token, at /var/run/secrets/telepath.
/// </summary>
internal static class LegacyInjection
{
    public const string Image = "ghcr.io/telepath/telepath-server:v0.0.9";

    public static Workload Of(Workload injected)
    {
        var template = KubeJson.Clone(injected.Template);
        var agent = AgentTemplate.Agent(template)!;
        agent.Image = Image;
        agent.Args[agent.Args.IndexOf("--token-file") + 1] = "/var/run/secrets/telepath/token";
        agent.VolumeMounts = [new V1VolumeMount { Name = "telepath-agent-token", MountPath = "/var/run/secrets/telepath", ReadOnlyProperty = true }];
        template.Spec.Volumes =
        [
            .. template.Spec.Volumes.Where(v => v.Name != "telepath-agent-identity"),
            new V1Volume { Name = "telepath-agent-token", Secret = new V1SecretVolumeSource { SecretName = "telepath-agent-token" } },
        ];
        return injected.With(template, injected.Metadata.Annotations);
    }
}
