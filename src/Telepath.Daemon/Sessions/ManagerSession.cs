using Grpc.Core;
using Microsoft.Extensions.Logging;
using Telepath.Core;
using Telepath.Tunnels.Links;
using Telepath.Protocol.Manager;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.Daemon.Sessions;

/// <summary>
/// This laptop's session at one traffic manager: the HTTP/2 link that carries every call and tunnel,
/// arrival and departure, and what names the session (docs/protocol.md, "Sessions and leases").
/// </summary>
public sealed class ManagerSession : IDisposable
{
    private readonly ILogger _logger;
    private string _secret = "";
    private string _id = "";
    private string _managerVersion = "";
    private string? _problem;
    private TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ManagerSession(ConnectionOptions options, ILogger logger)
    {
        Options = options;
        _logger = logger;
        Link = ManagerLink.Create(options.Address, options.Token, options.Dial);
        Manager = new ProtocolManager.ManagerClient(Link.Channel);
    }

    public ConnectionOptions Options { get; }

    public ManagerLink Link { get; }

    public ProtocolManager.ManagerClient Manager { get; }

    /// <summary>What authorizes our calls on the session; never logged or shown.</summary>
    public string Secret => Volatile.Read(ref _secret);

    /// <summary>How the manager shows our session to others.</summary>
    public string Id => Volatile.Read(ref _id);

    public string ManagerVersion => Volatile.Read(ref _managerVersion);

    /// <summary>Why the manager is out of reach while the session loop retries; null when all is well.</summary>
    public string? Problem
    {
        get => Volatile.Read(ref _problem);
        internal set => Volatile.Write(ref _problem, value);
    }

    /// <summary>
    /// Completes when the session loop next has the session well again after losing the manager (it
    /// arrived again, or the manager still knew it); canceled once the loop has stopped for good. Take it
    /// before a call, so a recovery while the call fails is not missed.
    /// </summary>
    public Task NextRecovery => Volatile.Read(ref _recovered).Task;

    internal void Recovered() =>
        Interlocked.Exchange(ref _recovered, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>The loop has stopped: nothing will recover the session any more.</summary>
    internal void Stopped() => Volatile.Read(ref _recovered).TrySetCanceled();

    /// <summary>A reference to the session for calls that name it.</summary>
    public SessionRef Ref() => new() { SessionSecret = Secret };

    /// <summary>Arrives, or arrives again after the manager forgot the session; the secret and id are the new ones.</summary>
    public async Task ArriveAsync(CancellationToken cancellationToken)
    {
        var arrival = new ClientArrival { Name = Options.ClientName, Version = TelepathVersion.Current };
        var session = await Manager.ArriveAsClientAsync(arrival, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _secret, session.SessionSecret);
        Volatile.Write(ref _id, session.SessionId);
        Volatile.Write(ref _managerVersion, session.ManagerVersion);
        Log.Arrived(_logger, Options.Address, Options.ClientName, session.SessionId, session.ManagerVersion);
    }

    /// <summary>Tells the manager the session ends; a manager out of reach lets the lease run out instead.</summary>
    public async Task DepartAsync()
    {
        try
        {
            await Manager.DepartAsync(Ref(), deadline: Deadline()).ConfigureAwait(false);
            Log.Departed(_logger, Options.Address);
        }
        catch (RpcException e)
        {
            Log.DepartFailed(_logger, Options.Address, e.Status.Detail);
        }
    }

    public DateTime Deadline() => DateTime.UtcNow + Options.CallTimeout;

    /// <summary>A call whose failure to reach the manager is told as one line naming it.</summary>
    public async Task<T> CallAsync<T>(Func<AsyncUnaryCall<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            throw Describe(e);
        }
    }

    /// <summary>The manager's failure as the one line the user reads.</summary>
    public RpcException Describe(RpcException failure) => ManagerFailure.Describe(failure, Options.Address, Options.Token is null);

    public void Dispose() => Link.Dispose();
}
