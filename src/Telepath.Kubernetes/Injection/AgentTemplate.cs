using k8s.Models;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Injection;

/// <summary>The names Telepath adds to a pod template and a Service, so that restore finds exactly them.</summary>
public static class AgentTemplate
{
    public const string ContainerName = "telepath-agent";

    /// <summary>The agent's projected service-account token (<see cref="AgentIdentity"/>).</summary>
    public const string VolumeName = "telepath-agent-identity";

    /// <summary>
    /// The volume of the manager token's copy that versions before Kubernetes identity mounted
    /// (<see cref="LegacyAgentTokenSecrets"/>): restore removes it too, and an upgrade replaces it.
    /// </summary>
    public const string LegacyVolumeName = "telepath-agent-token";

    /// <summary>On the workload: its pod template as it was before the first injection, as JSON.</summary>
    public const string OriginalTemplateAnnotation = "telepath.io/original-template";

    /// <summary>On the Service: its spec.ports before Telepath changed a targetPort, as JSON.</summary>
    public const string OriginalPortsAnnotation = "telepath.io/original-ports";

    /// <summary>
    /// On the pod template: marks the pods that carry an agent, the only ones the manager's
    /// NetworkPolicy admits. Restore removes it, or gives back the value the original had.
    /// </summary>
    public const string AgentLabel = "telepath.io/agent";

    public const string AgentLabelValue = "injected";

    public static Dictionary<string, string> AgentLabels() => new() { [AgentLabel] = AgentLabelValue };

    /// <summary>Whether Telepath's injection is there, or half there (the saved original without the agent).</summary>
    public static bool IsInjected(Workload workload) =>
        HasAgent(workload.Template) || workload.Metadata.Annotations?.ContainsKey(OriginalTemplateAnnotation) == true;

    public static bool HasAgent(V1PodTemplateSpec template) =>
        template.Spec?.Containers?.Any(c => c.Name == ContainerName) == true;

    public static V1Container? Agent(V1PodTemplateSpec template) =>
        template.Spec?.Containers?.FirstOrDefault(c => c.Name == ContainerName);
}
