using System.Collections.Concurrent;
using Grpc.Core;
using Telepath.Protocol.Manager;
using Telepath.TrafficManager.Watching;

namespace Telepath.TrafficManager.Sessions;

/// <summary>The live sessions. Removing one raises <see cref="Departed"/> so its intercepts go with it.</summary>
public sealed class SessionRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new();

    /// <summary>Signalled when the set of agents changes.</summary>
    public ChangeSignal AgentsChanged { get; } = new();

    public event Action<Session>? Departed;

    public Session ArriveClient(string name)
    {
        var session = Session.ForClient(Guid.NewGuid().ToString(), name, Now);
        _sessions[session.Id] = session;
        return session;
    }

    public Session ArriveAgent(AgentInfo agent)
    {
        var id = Guid.NewGuid().ToString();
        var session = Session.ForAgent(id, new AgentInfo(agent) { SessionId = id }, Now);
        _sessions[id] = session;
        AgentsChanged.Notify();
        return session;
    }

    /// <summary>The session, or NotFound: the caller's session expired or the manager restarted.</summary>
    public Session Require(string sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"session {sessionId} is not known to this manager; arrive again"));
        }

        return session;
    }

    public bool TryGet(string sessionId, out Session session) => _sessions.TryGetValue(sessionId, out session!);

    public void Remain(string sessionId) => Require(sessionId).Touch(Now);

    public IReadOnlyList<AgentInfo> Agents() =>
        _sessions.Values.Where(s => s.Agent is not null).Select(s => s.Agent!).OrderBy(a => a.Namespace).ThenBy(a => a.Workload).ThenBy(a => a.PodName).ToList();

    public void Depart(string sessionId)
    {
        if (!_sessions.TryRemove(sessionId, out var session))
        {
            return;
        }

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
        var expired = _sessions.Values.Where(s => s.ExpiredAt(now, lease)).ToList();
        foreach (var session in expired)
        {
            Depart(session.Id);
        }

        return expired;
    }

    private long Now => time.GetUtcNow().UtcTicks;
}
