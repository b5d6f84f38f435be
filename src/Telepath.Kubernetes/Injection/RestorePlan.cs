using k8s.Models;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Injection;

/// <summary>What restoring changes; null patches mean that object has nothing of Telepath's left.</summary>
public sealed record RestorePlan(Workload? Planned, V1Patch? WorkloadPatch, V1Service? PlannedService, V1Patch? ServicePatch)
{
    public bool NothingToDo => WorkloadPatch is null && ServicePatch is null;
}
