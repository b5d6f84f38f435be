namespace Telepath.TrafficAgent.Sessions;

/// <summary>The agent's current session with the manager; tunnels name it by its secret.</summary>
internal sealed class AgentSession
{
    private volatile string? _secret;

    /// <summary>Null while the agent has not arrived (or lost the manager).</summary>
    public string? Secret => _secret;

    public void Arrived(string secret) => _secret = secret;

    public void Lost() => _secret = null;
}
