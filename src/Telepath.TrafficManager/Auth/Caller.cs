namespace Telepath.TrafficManager.Auth;

/// <summary>
/// Who a request comes from, as the manager established it before it read the request's body: what
/// the caller may arrive as, and for an agent proven by Kubernetes, the pod it runs in.
/// </summary>
public sealed record Caller(bool MayBeClient, bool MayBeAgent, AgentPod? Pod)
{
    /// <summary>Holds the manager's own token (direct mode): a laptop or an agent, taken at its word.</summary>
    public static Caller TokenHolder { get; } = new(true, true, null);

    /// <summary>Came through a port-forward to the manager's pod, which the API server allowed with the user's own credentials.</summary>
    public static Caller Laptop { get; } = new(true, false, null);

    public static Caller Agent(AgentPod pod) => new(false, true, pod);
}
