using Grpc.Core;
using Microsoft.Extensions.Logging;
using Telepath.Daemon.Sessions;
using Telepath.Protocol.Daemon;

namespace Telepath.Daemon;

/// <summary>The daemon's one connection to a traffic manager, if any; connect and quit take turns.</summary>
public sealed class DaemonState(ILoggerFactory loggers) : IAsyncDisposable
{
    public const string NotConnectedMessage = "not connected to a traffic manager; run \"telepath connect --manager HOST:PORT --token-file FILE\" first";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ManagerConnection? _connection;

    public ManagerConnection? Connection => Volatile.Read(ref _connection);

    public ManagerConnection RequireConnection() =>
        Connection ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, NotConnectedMessage));

    public async Task<ManagerConnection> ConnectAsync(ConnectRequest request, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Connection is { } current)
            {
                if (string.Equals(current.Options.Address, request.ManagerAddress, StringComparison.OrdinalIgnoreCase))
                {
                    return current;
                }

                throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    $"already connected to {current.Options.Address}; run \"telepath quit\" first"));
            }

            var options = new ConnectionOptions(
                request.ManagerAddress,
                request.Token,
                request.Namespace.Length > 0 ? request.Namespace : ConnectionOptions.DefaultNamespace,
                ConnectionOptions.DefaultClientName());
            var connection = await ManagerConnection.OpenAsync(options, loggers.CreateLogger<ManagerConnection>(), cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _connection, connection);
            return connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Leaves every intercept, departs and forgets the manager. Never fails.</summary>
    public async Task DisconnectAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Interlocked.Exchange(ref _connection, null) is { } connection)
            {
                await connection.CloseAsync().ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
