using k8s.Models;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Injection;

/// <summary>What restoring changes; null patches mean that object has nothing of Telepath's left.</summary>
/// <param name="KeptChanges">
/// Where the restored pod template differs from the one saved before the injection, as JSON
/// pointers under it ("/spec/containers/0/image"): changes someone made since, which are kept.
/// Empty when the restore gives the original back exactly.
/// </param>
public sealed record RestorePlan(
    Workload? Planned, V1Patch? WorkloadPatch, V1Service? PlannedService, V1Patch? ServicePatch, IReadOnlyList<string> KeptChanges)
{
    public bool NothingToDo => WorkloadPatch is null && ServicePatch is null;
}
