namespace Telepath.TrafficAgent.Sessions;

/// <summary>The agent's current session with the manager; tunnels name it in their open message.</summary>
internal sealed class AgentSession
{
    private volatile string? _id;

    /// <summary>Null while the agent has not arrived (or lost the manager).</summary>
    public string? Id => _id;

    public void Arrived(string id) => _id = id;

    public void Lost() => _id = null;
}
