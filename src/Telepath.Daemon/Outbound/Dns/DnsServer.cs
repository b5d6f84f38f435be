using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Telepath.Core;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Outbound.Dns;

/// <summary>
/// The daemon's DNS server (UDP and TCP on one port): answers the cluster's names from the latest
/// <see cref="ClusterNames"/>, asking <see cref="IClusterLookup"/> about names the view lacks, and forwards every other
/// query to the laptop's own nameservers. It runs until the token given to <see cref="Start"/> is cancelled or it is disposed.
/// </summary>
public sealed partial class DnsServer : IAsyncDisposable
{
    private const int BindAttempts = 10;

    private readonly Socket _udp;
    private readonly Socket _tcp;
    private readonly DnsResolver _resolver;
    private readonly UpstreamForwarder _upstreams;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime;
    private readonly CancellationTokenRegistration _stopping;
    private ClusterNames _names = ClusterNames.Empty;
    private Task _serving = Task.CompletedTask;

    private DnsServer(Socket udp, Socket tcp, DnsServerOptions options, IClusterLookup lookup, ILogger logger, CancellationToken cancellationToken)
    {
        _udp = udp;
        _tcp = tcp;
        _logger = logger;
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Closing the sockets is what ends pending receives and accepts.
        _stopping = _lifetime.Token.Register(CloseSockets);
        EndPoint = (IPEndPoint)udp.LocalEndPoint!;
        _upstreams = new UpstreamForwarder(options.Upstreams, options.UpstreamTimeout, logger);
        _resolver = new DnsResolver(
            () => Volatile.Read(ref _names),
            new ClusterLookupCache(lookup, options.Time, _lifetime.Token),
            _upstreams,
            logger);
    }

    /// <summary>Where it answers, with the bound port.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The snapshot in use (for <c>status</c>: <see cref="ClusterNames.DnsDomains"/>, <see cref="ClusterNames.SearchList"/>).</summary>
    public ClusterNames Names => Volatile.Read(ref _names);

    /// <exception cref="UserErrorException">The address is taken, or may not be bound.</exception>
    public static DnsServer Start(DnsServerOptions options, IClusterLookup lookup, ILogger logger, CancellationToken cancellationToken)
    {
        var (udp, tcp) = Bind(options.Listen);
        var server = new DnsServer(udp, tcp, options, lookup, logger, cancellationToken);
        server._serving = Task.WhenAll(server.ReceiveUdpAsync(server._lifetime.Token), server.AcceptTcpAsync(server._lifetime.Token));
        Log.DnsListening(logger, server.EndPoint.ToString(), options.Upstreams.Count == 0 ? "(none)" : string.Join(", ", options.Upstreams));
        return server;
    }

    /// <summary>Takes the manager's latest view and the connected namespace; queries from now on are answered from them.</summary>
    public void Update(ClusterInfo info, string connectedNamespace) => Update(ClusterNames.From(info, connectedNamespace));

    public void Update(ClusterNames names) => Volatile.Write(ref _names, names);

    /// <summary>The laptop's own nameservers changed: names that are not the cluster's go to these from now on.</summary>
    public void UpdateUpstreams(IReadOnlyList<IPEndPoint> nameservers) => _upstreams.Update(nameservers);

    public async ValueTask DisposeAsync()
    {
        if (!_lifetime.IsCancellationRequested)
        {
            await _lifetime.CancelAsync().ConfigureAwait(false);
        }

        await _serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stopping.DisposeAsync().ConfigureAwait(false);
        _lifetime.Dispose();
        Log.DnsStopped(_logger, EndPoint.ToString());
    }

    private void CloseSockets()
    {
        _udp.Dispose();
        _tcp.Dispose();
    }

    /// <summary>UDP first, then TCP on the port it got; with port 0 that port may be taken for TCP, so it tries again.</summary>
    private static (Socket Udp, Socket Tcp) Bind(IPEndPoint listen)
    {
        for (var attempt = 1; ; attempt++)
        {
            var udp = new Socket(listen.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            var tcp = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                udp.Bind(listen);
                tcp.Bind(new IPEndPoint(listen.Address, ((IPEndPoint)udp.LocalEndPoint!).Port));
                tcp.Listen(128);
                return (udp, tcp);
            }
            catch (SocketException e)
            {
                udp.Dispose();
                tcp.Dispose();
                if (listen.Port == 0 && e.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < BindAttempts)
                {
                    continue;
                }

                throw new UserErrorException(e.SocketErrorCode == SocketError.AddressAlreadyInUse
                    ? $"cannot start the DNS server: {listen} is already in use; stop what uses it or disconnect the other Telepath daemon"
                    : $"cannot start the DNS server on {listen}: {e.Message}");
            }
        }
    }
}
