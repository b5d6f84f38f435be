using Telepath.Protocol.Manager;

namespace Telepath.TrafficManager.Sessions;

public enum SessionKind
{
    Client,
    Agent,
}

/// <summary>One arrived client (a laptop's daemon) or agent, alive while it keeps renewing its lease.</summary>
public sealed class Session
{
    private long _lastSeenTicks;

    private Session(string id, SessionKind kind, string name, AgentInfo? agent, long now)
    {
        Id = id;
        Kind = kind;
        Name = name;
        Agent = agent;
        _lastSeenTicks = now;
    }

    public string Id { get; }

    public SessionKind Kind { get; }

    /// <summary>"user@host" of a client; the pod name of an agent.</summary>
    public string Name { get; }

    /// <summary>Set for agents only.</summary>
    public AgentInfo? Agent { get; }

    public static Session ForClient(string id, string name, long now) => new(id, SessionKind.Client, name, null, now);

    public static Session ForAgent(string id, AgentInfo agent, long now) => new(id, SessionKind.Agent, agent.PodName, agent, now);

    public void Touch(long now) => Volatile.Write(ref _lastSeenTicks, now);

    public bool ExpiredAt(long now, TimeSpan lease) => now - Volatile.Read(ref _lastSeenTicks) > lease.Ticks;
}
