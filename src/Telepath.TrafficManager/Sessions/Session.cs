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

    private Session(string id, string secret, SessionKind kind, string name, AgentInfo? agent, IReadOnlyDictionary<string, string> environment, string? podUid, long now)
    {
        PodUid = podUid;
        Id = id;
        Secret = secret;
        Environment = environment;
        Kind = kind;
        Name = name;
        Agent = agent;
        _lastSeenTicks = now;
    }

    /// <summary>How other sessions and the logs see this one; it authorizes nothing.</summary>
    public string Id { get; }

    /// <summary>What the session names itself by in every call: only it and the manager know it.</summary>
    public string Secret { get; }

    public SessionKind Kind { get; }

    /// <summary>"user@host" of a client; the pod name of an agent.</summary>
    public string Name { get; }

    /// <summary>Set for agents only.</summary>
    public AgentInfo? Agent { get; }

    /// <summary>An agent's app container environment, kept apart from <see cref="Agent"/>, which every client sees.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>
    /// The uid of the pod whose token an agent arrived with (Kubernetes identity): later calls and tunnels
    /// of the session must carry a token of the same pod. Null for clients and for agents of direct mode.
    /// </summary>
    public string? PodUid { get; }

    public static Session ForClient(string id, string secret, string name, long now) =>
        new(id, secret, SessionKind.Client, name, null, new Dictionary<string, string>(), null, now);

    public static Session ForAgent(string id, string secret, AgentInfo agent, IReadOnlyDictionary<string, string> environment, string? podUid, long now) =>
        new(id, secret, SessionKind.Agent, agent.PodName, agent, environment, podUid, now);

    /// <summary>Whether a request of <paramref name="caller"/> may act on this session.</summary>
    public bool Admits(Auth.Caller caller) => Kind == SessionKind.Client
        ? caller.MayBeClient
        : caller.MayBeAgent && (PodUid is null || caller.Pod?.PodUid == PodUid);

    public void Touch(long now) => Volatile.Write(ref _lastSeenTicks, now);

    public bool ExpiredAt(long now, TimeSpan lease) => now - Volatile.Read(ref _lastSeenTicks) > lease.Ticks;
}
