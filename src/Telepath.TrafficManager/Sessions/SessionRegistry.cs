using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Grpc.Core;
using Telepath.Protocol.Manager;
using Telepath.TrafficManager.Watching;

namespace Telepath.TrafficManager.Sessions;

/// <summary>
/// The live sessions, found by their secret when a call names one and by their public id inside the manager.
/// Removing one raises <see cref="Departed"/> so its intercepts go with it.
/// </summary>
public sealed class SessionRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Session> _bySecret = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Session> _byId = new(StringComparer.Ordinal);

    /// <summary>Signalled when the set of agents changes.</summary>
    public ChangeSignal AgentsChanged { get; } = new();

    public event Action<Session>? Departed;

    public Session ArriveClient(string name) => Add(Session.ForClient(Guid.NewGuid().ToString(), NewSecret(), name, Now));

    /// <param name="podUid">The pod the agent's token was issued to, when Kubernetes vouched for it.</param>
    public Session ArriveAgent(AgentInfo agent, IReadOnlyDictionary<string, string>? environment = null, string? podUid = null)
    {
        var id = Guid.NewGuid().ToString();
        var session = Add(Session.ForAgent(id, NewSecret(), new AgentInfo(agent) { SessionId = id }, environment ?? new Dictionary<string, string>(), podUid, Now));
        AgentsChanged.Notify();
        return session;
    }

    /// <summary>The session the secret names, or NotFound: the caller's session expired or the manager restarted.</summary>
    public Session Require(string secret)
    {
        if (!TryGet(secret, out var session))
        {
            // Never echo the secret: logs and error reports should not carry credentials.
            throw new RpcException(new Status(StatusCode.NotFound, "the session is not known to this manager; arrive again"));
        }

        return session;
    }

    public bool TryGet(string secret, out Session session) => _bySecret.TryGetValue(secret, out session!);

    /// <summary>By public id, for the manager's own bookkeeping (an intercept's holder, an agent that reported).</summary>
    public bool TryGetById(string id, out Session session) => _byId.TryGetValue(id, out session!);

    public bool IsLive(Session session) => _byId.TryGetValue(session.Id, out var live) && ReferenceEquals(live, session);

    public void Remain(string secret) => Require(secret).Touch(Now);

    public IReadOnlyList<AgentInfo> Agents() => AgentSessions().Select(s => s.Agent!).ToList();

    /// <summary>The agents' sessions, in the order <see cref="Agents"/> lists them.</summary>
    public IReadOnlyList<Session> AgentSessions() =>
        _byId.Values.Where(s => s.Agent is not null).OrderBy(s => s.Agent!.Namespace).ThenBy(s => s.Agent!.Workload).ThenBy(s => s.Agent!.PodName).ToList();

    public void Depart(Session session)
    {
        if (!_byId.TryRemove(new KeyValuePair<string, Session>(session.Id, session)))
        {
            return;
        }

        _bySecret.TryRemove(session.Secret, out _);
        Departed?.Invoke(session);
        if (session.Kind == SessionKind.Agent)
        {
            AgentsChanged.Notify();
        }
    }

    /// <summary>Removes every session whose lease ran out; returns them for logging.</summary>
    public IReadOnlyList<Session> Expire(TimeSpan lease)
    {
        var now = Now;
        var expired = _byId.Values.Where(s => s.ExpiredAt(now, lease)).ToList();
        foreach (var session in expired)
        {
            Depart(session);
        }

        return expired;
    }

    // 256 random bits, URL-safe: it travels in gRPC messages and an HTTP header.
    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private Session Add(Session session)
    {
        _bySecret[session.Secret] = session;
        _byId[session.Id] = session;
        return session;
    }

    private long Now => time.GetUtcNow().UtcTicks;
}
