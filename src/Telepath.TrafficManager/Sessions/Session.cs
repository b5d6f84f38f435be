using System.Threading.Channels;
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
    private int _dialWatchers;

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

    /// <summary>Dials the manager asks this client to answer; read by its WatchDials streams.</summary>
    public Channel<DialRequest> Dials { get; } = Channel.CreateUnbounded<DialRequest>();

    /// <summary>True while at least one WatchDials stream of the client is open, so a dial can be answered.</summary>
    public bool CanDial => Volatile.Read(ref _dialWatchers) > 0;

    public static Session ForClient(string id, string name, long now) => new(id, SessionKind.Client, name, null, now);

    public static Session ForAgent(string id, AgentInfo agent, long now) => new(id, SessionKind.Agent, agent.PodName, agent, now);

    public void Touch(long now) => Volatile.Write(ref _lastSeenTicks, now);

    public bool ExpiredAt(long now, TimeSpan lease) => now - Volatile.Read(ref _lastSeenTicks) > lease.Ticks;

    public IDisposable WatchDials()
    {
        Interlocked.Increment(ref _dialWatchers);
        return new DialWatch(this);
    }

    private sealed class DialWatch(Session session) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref session._dialWatchers);
            }
        }
    }
}
