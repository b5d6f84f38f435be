using Grpc.Core;
using Microsoft.Extensions.Logging;
using Telepath.Core;
using Telepath.Daemon.Intercepts;
using Telepath.Daemon.Tunnels;
using Telepath.Protocol.Manager;
using Telepath.Tunnels.Links;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.Daemon.Sessions;

/// <summary>
/// The daemon's client session at one traffic manager: arrival, the background session loop
/// (watches, heartbeats, reconnection), the intercepts this laptop owns and their tunnels, all on one
/// HTTP/2 connection to the manager.
/// </summary>
public sealed partial class ManagerConnection : IAsyncDisposable
{
    private readonly ManagerLink _link;
    private readonly ProtocolManager.ManagerClient _manager;
    private readonly ILogger _logger;
    private readonly StandbyTunnels _standbys;
    private readonly LiveTunnels _tunnels = new();
    private readonly SemaphoreSlim _interceptGate = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private Task _loop = Task.CompletedTask;
    private string _sessionSecret = "";
    private string _sessionId = "";
    private string _managerVersion = "";
    private string? _problem;
    private int _closed;

    private ManagerConnection(ConnectionOptions options, ILogger logger)
    {
        Options = options;
        _logger = logger;
        _link = ManagerLink.Create(options.Address, options.Token, options.Dial);
        _manager = new ProtocolManager.ManagerClient(_link.Channel);
        _standbys = new StandbyTunnels(_link.Tunnels, () => SessionSecret, _tunnels, logger, _lifetime.Token);
    }

    public ConnectionOptions Options { get; }

    public ManagerView View { get; } = new();

    public OwnedIntercepts Owned { get; } = new();

    public string ManagerVersion => Volatile.Read(ref _managerVersion);

    /// <summary>Why the manager is out of reach while the loop retries; null when all is well.</summary>
    public string? Problem => Volatile.Read(ref _problem);

    /// <summary>What authorizes our calls on the session; never logged or shown.</summary>
    private string SessionSecret => Volatile.Read(ref _sessionSecret);

    /// <summary>How the manager shows our session to others.</summary>
    private string SessionId => Volatile.Read(ref _sessionId);

    /// <summary>Arrives (failing fast with a line for the user) and starts the session loop.</summary>
    /// <exception cref="RpcException">The manager is unreachable or refused; the detail says which.</exception>
    public static async Task<ManagerConnection> OpenAsync(ConnectionOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = new ManagerConnection(options, logger);
        try
        {
            await connection.ArriveAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw ManagerFailure.Describe(e, options.Address, options.Token is null);
        }

        connection._loop = connection.RunSessionAsync(connection._lifetime.Token);
        return connection;
    }

    /// <summary>Leaves every intercept (in parallel, letting tunnels finish) and departs.</summary>
    public async Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        await Task.WhenAll(Owned.All.Select(o => LeaveQuietlyAsync(o.Spec.Name))).ConfigureAwait(false);
        await StopLoopAsync().ConfigureAwait(false);
        try
        {
            await _manager.DepartAsync(new SessionRef { SessionSecret = SessionSecret }, deadline: Deadline()).ConfigureAwait(false);
            Log.Departed(_logger, Options.Address);
        }
        catch (RpcException e)
        {
            Log.DepartFailed(_logger, Options.Address, e.Status.Detail);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopLoopAsync().ConfigureAwait(false);
        await _standbys.DisposeAsync().ConfigureAwait(false);
        _link.Dispose();
        _lifetime.Dispose();
        _interceptGate.Dispose();
    }

    private async Task ArriveAsync(CancellationToken cancellationToken)
    {
        var arrival = new ClientArrival { Name = Options.ClientName, Version = TelepathVersion.Current };
        var session = await _manager.ArriveAsClientAsync(arrival, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _sessionSecret, session.SessionSecret);
        Volatile.Write(ref _sessionId, session.SessionId);
        Volatile.Write(ref _managerVersion, session.ManagerVersion);
        Log.Arrived(_logger, Options.Address, Options.ClientName, session.SessionId, session.ManagerVersion);
    }

    private async Task StopLoopAsync()
    {
        if (!_lifetime.IsCancellationRequested)
        {
            await _lifetime.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }
    }

    private DateTime Deadline() => DateTime.UtcNow + Options.CallTimeout;
}
