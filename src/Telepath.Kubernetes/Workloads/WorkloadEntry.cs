namespace Telepath.Kubernetes.Workloads;

/// <summary>One line of <c>telepath list</c>.</summary>
/// <param name="Services">The Services that select the workload, by name.</param>
/// <param name="AgentInstalled">A traffic agent is in its pod template.</param>
/// <param name="Reason">Why it can or cannot be intercepted, as the user reads it.</param>
public sealed record WorkloadEntry(
    WorkloadKind Kind,
    string Name,
    string Namespace,
    IReadOnlyList<string> Services,
    bool Interceptable,
    bool AgentInstalled,
    string Reason);
