namespace Telepath.TrafficManager.Auth;

/// <summary>
/// The pod an agent's token was issued to, as a TokenReview told it, and the workload that owns the
/// pod, as the pod's owner chain names it: what the agent is, whatever it says of itself.
/// </summary>
public sealed record AgentPod(string Namespace, string PodName, string PodUid, string WorkloadKind, string Workload)
{
    public string Describe() => $"pod {PodName} of {WorkloadKind} {Workload} in namespace {Namespace}";
}
