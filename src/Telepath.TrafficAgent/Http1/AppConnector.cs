using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;

namespace Telepath.TrafficAgent.Http1;

/// <summary>Opens connections to the app container, on Kestrel's own socket transport (its pipes and I/O threads).</summary>
internal sealed class AppConnector(AgentOptions options, ILoggerFactory loggers) : IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly SocketConnectionContextFactory _factory = new(new SocketConnectionFactoryOptions(), loggers.CreateLogger<AppConnector>());

    public string Address { get; } = options.App.ToString();

    /// <returns>The connection, or why there is none, as one line for a 502.</returns>
    public async Task<(AppUpstream? Upstream, string Error)> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(options.App.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await socket.ConnectAsync(options.App, timeout.Token).ConfigureAwait(false);
            return (new AppUpstream(_factory.Create(socket)), "");
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return (null, e.SocketErrorCode == SocketError.ConnectionRefused ? $"connection refused by {Address}" : $"cannot connect to {Address}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            return (null, $"no answer from {Address} within {ConnectTimeout.TotalSeconds:0} s");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _factory.Dispose();
}
