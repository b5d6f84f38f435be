namespace Telepath.Kubernetes.Rollout;

/// <summary>Where a rollout stands after one look at the workload and its pods.</summary>
/// <param name="Progress">One line for the user, e.g. "1 of 2 updated pods are available".</param>
public sealed record RolloutState(bool Done, string? Failure, string Progress);
