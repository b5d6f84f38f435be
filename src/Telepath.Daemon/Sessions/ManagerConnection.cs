using Grpc.Core;
using Microsoft.Extensions.Logging;
using Telepath.Daemon.Intercepts;
using Telepath.Daemon.Outbound;

namespace Telepath.Daemon.Sessions;

/// <summary>
/// Everything the daemon holds at one traffic manager, built in order and disposed in reverse: the
/// session (and its HTTP/2 link), the manager's view, the intercepts this laptop holds, outbound
/// tunnels, and the loop that keeps the session alive.
/// </summary>
public sealed class ManagerConnection : IAsyncDisposable
{
    private readonly SessionLoop _loop;
    private int _closed;

    private ManagerConnection(ConnectionOptions options, ILogger logger)
    {
        Session = new ManagerSession(options, logger);
        Intercepts = new LaptopIntercepts(Session, View, logger);
        Outbound = new ManagerOutbound(Session);
        _loop = new SessionLoop(Session, View, Intercepts, logger);
    }

    public ManagerSession Session { get; }

    public ConnectionOptions Options => Session.Options;

    public ManagerView View { get; } = new();

    public LaptopIntercepts Intercepts { get; }

    public IOutboundTunnels Outbound { get; }

    public string ManagerVersion => Session.ManagerVersion;

    /// <summary>Why the manager is out of reach while the loop retries; null when all is well.</summary>
    public string? Problem => Session.Problem;

    /// <summary>Arrives (failing fast with a line for the user) and starts the session loop.</summary>
    /// <exception cref="RpcException">The manager is unreachable or refused; the detail says which.</exception>
    public static async Task<ManagerConnection> OpenAsync(ConnectionOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = new ManagerConnection(options, logger);
        try
        {
            await connection.Session.ArriveAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw connection.Session.Describe(e);
        }

        connection._loop.Start();
        return connection;
    }

    /// <summary>Leaves every intercept (in parallel, letting tunnels finish) and departs; never fails.</summary>
    public async Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        await Intercepts.LeaveAllAsync().ConfigureAwait(false);
        await _loop.DisposeAsync().ConfigureAwait(false);
        await Session.DepartAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _loop.DisposeAsync().ConfigureAwait(false);
        await Intercepts.DisposeAsync().ConfigureAwait(false);
        Session.Dispose();
    }
}
