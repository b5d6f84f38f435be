namespace Telepath.Kubernetes.Rollout;

/// <summary>How a rollout ended: done, or failed with the reason the user reads.</summary>
public sealed record RolloutOutcome(bool Succeeded, string? Failure)
{
    public static RolloutOutcome Done { get; } = new(true, null);

    public static RolloutOutcome Failed(string reason) => new(false, reason);
}
