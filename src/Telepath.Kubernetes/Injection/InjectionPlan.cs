using k8s.Models;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Injection;

/// <summary>What injecting the agent changes, and the patches that change it.</summary>
/// <param name="Planned">The workload as it will be: agent in the template, original saved in an annotation.</param>
/// <param name="WorkloadPatch">The patch of the live workload; null when the agent is already there for this port, of this version.</param>
/// <param name="PlannedService">The Service as it will be, when its targetPort must change (numeric targetPort).</param>
/// <param name="ServicePatch">The patch of the Service; null when it needs no change.</param>
/// <param name="AgentPortName">The port name the Service's targetPort resolves to, on the agent.</param>
public sealed record InjectionPlan(
    Workload Planned,
    V1Patch? WorkloadPatch,
    V1Service? PlannedService,
    V1Patch? ServicePatch,
    string AppContainer,
    int AppPort,
    int AgentPort,
    string AgentPortName)
{
    public bool AlreadyInjected => WorkloadPatch is null;

    /// <summary>The image of an agent of another version that the patch upgrades; null for a new injection.</summary>
    public string? UpgradedFrom { get; init; }

    /// <summary>Whether the patch only adds the agent label to an agent's pods that an older injection left without it.</summary>
    public bool Relabelled { get; init; }
}
