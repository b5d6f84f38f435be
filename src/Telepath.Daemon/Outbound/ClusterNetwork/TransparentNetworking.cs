using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Telepath.Daemon.Outbound.Dns;
using Telepath.Daemon.Outbound.RootHelper;
using Telepath.Daemon.Outbound.Transparent;
using Telepath.Daemon.Sessions;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Outbound.ClusterNetwork;

/// <summary>
/// "Proxy: ON": the daemon's DNS server and transparent proxy, and the privileged helper's rules that
/// send the laptop's DNS and its TCP to the cluster's ranges to them, kept in step with the manager's
/// view of the cluster. While the manager is out of reach for long, the rules are taken down so the
/// laptop's own network is not held hostage; they come back with the manager.
/// </summary>
public sealed class TransparentNetworking : IAsyncDisposable
{
    /// <summary>How long the manager may be out of reach before the rules are taken down.</summary>
    public static readonly TimeSpan OutageGrace = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan FirstViewTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ViewPatience = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan HelperCallTimeout = TimeSpan.FromSeconds(10);

    private readonly ManagerConnection _connection;
    private readonly NetworkHelperClient _helper;
    private readonly DnsServer _dns;
    private readonly TransparentProxy _proxy;
    private readonly ConnectRequest _request;
    private readonly IReadOnlyList<IPAddress> _through;
    private readonly string _throughSource;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly LaptopRouteWatch _laptopRoutes = new();
    private NetworkStatus _status = NetworkStatus.Off("starting");
    private HelperRequest? _applied;
    private IReadOnlyList<OwnRoute> _ownRoutes = [];
    private string _dnsVia = ResolvConf.DefaultPath;
    private Task _following = Task.CompletedTask;

    private TransparentNetworking(ManagerConnection connection, NetworkHelperClient helper, DnsServer dns, TransparentProxy proxy, ConnectRequest request, IReadOnlyList<IPAddress> through, string throughSource, ILogger logger)
    {
        _connection = connection;
        _helper = helper;
        _dns = dns;
        _proxy = proxy;
        _request = request;
        _through = through;
        _throughSource = throughSource;
        _logger = logger;
    }

    public NetworkStatus Status => Volatile.Read(ref _status);

    /// <summary>Connects to the helper the CLI started, serves DNS and the proxy, applies the first view's rules.</summary>
    /// <param name="through">The addresses the daemon reaches the cluster through, never redirected.</param>
    /// <exception cref="RpcException">The helper is not there or refused the rules, or the manager gave no view in time; nothing is left set up.</exception>
    public static async Task<TransparentNetworking> StartAsync(
        ManagerConnection connection, ConnectRequest request, IReadOnlyList<IPAddress> through, string throughSource, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger<TransparentNetworking>();
        var helper = await ConnectHelperAsync(request.NetworkHelperSocket, cancellationToken).ConfigureAwait(false);
        DnsServer? dns = null;
        TransparentProxy? proxy = null;
        try
        {
            // Read before the helper writes its block: the laptop's own nameservers are where other names go.
            var upstreams = ResolvConf.ReadNameservers(await new ResolvConf().ReadAsync(cancellationToken).ConfigureAwait(false))
                .Select(address => new IPEndPoint(address, 53)).ToList();
            dns = DnsServer.Start(new DnsServerOptions(new IPEndPoint(IPAddress.Loopback, 0), upstreams), new ClusterLookup(connection.Session), loggers.CreateLogger<DnsServer>(), CancellationToken.None);
            proxy = TransparentProxy.Bind(loggers.CreateLogger<TransparentProxy>());
            proxy.Start(connection.Outbound);
            var networking = new TransparentNetworking(connection, helper, dns, proxy, request, through, throughSource, logger);
            await connection.View.WaitUntilAsync(view => view.Cluster is not null, FirstViewTimeout, cancellationToken).ConfigureAwait(false);
            if (connection.View.Cluster is null)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, $"the traffic manager at {connection.Options.Address} sent no view of the cluster within {FirstViewTimeout.TotalSeconds:0} s; try again, or connect with --proxy=socks"));
            }

            // A manager that can read the cluster holds its first snapshot until its lists are done; one
            // of an older version does not, and its "no view" may still be its first lists.
            await connection.View.WaitUntilAsync(view => view.Cluster!.HasView, ViewPatience, cancellationToken).ConfigureAwait(false);
            await networking.ApplyAsync(connection.View.Cluster!, firstTime: true, cancellationToken).ConfigureAwait(false);
            networking._following = networking.FollowAsync(networking._lifetime.Token);
            return networking;
        }
        catch
        {
            await helper.DisposeAsync().ConfigureAwait(false);
            if (proxy is not null)
            {
                await proxy.DisposeAsync().ConfigureAwait(false);
            }

            if (dns is not null)
            {
                await dns.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private static async Task<NetworkHelperClient> ConnectHelperAsync(string socketPath, CancellationToken cancellationToken)
    {
        if (socketPath.Length == 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "--proxy=on needs the network helper, which this telepath did not start; use the telepath CLI of the same version"));
        }

        try
        {
            return await NetworkHelperClient.ConnectAsync(socketPath, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"cannot reach the network helper at {socketPath} ({e.Message}); run telepath connect again"));
        }
    }

    /// <summary>Follows the manager's view; takes the rules down during a long outage and puts them back after.</summary>
    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var seen = _connection.View.Cluster;
        DateTimeOffset? troubleSince = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _connection.View.WaitUntilAsync(view => !ReferenceEquals(view.Cluster, seen), TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                if (_connection.Problem is { } problem)
                {
                    troubleSince ??= DateTimeOffset.UtcNow;
                    if (_applied is not null && DateTimeOffset.UtcNow - troubleSince > OutageGrace)
                    {
                        await RemoveAsync(cancellationToken).ConfigureAwait(false);
                        Volatile.Write(ref _status, NetworkStatus.Off($"the traffic manager is out of reach ({problem}); the laptop's network is restored until it is back"));
                    }

                    continue;
                }

                troubleSince = null;
                // Through systemd-resolved the file is not Telepath's to watch: resolved keeps the link's domains whatever it says.
                if (_applied is not null && _dnsVia == ResolvConf.DefaultPath && await ReplacedResolverAsync(cancellationToken).ConfigureAwait(false) is { } replaced)
                {
                    // NetworkManager, a VPN client or DHCP rewrote resolv.conf: cluster names would
                    // silently stop resolving, so the block goes back; and the nameservers it now names
                    // (a VPN's, say) are where the laptop's other names go from now on.
                    var nameservers = ResolvConf.ReadNameservers(replaced).Select(address => new IPEndPoint(address, 53)).ToList();
                    if (nameservers.Count > 0)
                    {
                        _dns.UpdateUpstreams(nameservers);
                    }

                    Log.ResolverReplaced(_logger, ResolvConf.DefaultPath, string.Join(", ", nameservers));
                    _applied = null;
                }

                // Applied again, the helper gives a range that has just lost its route (the Wi-Fi went) a route of its own.
                if (_applied is not null && await _laptopRoutes.ChangedAsync(cancellationToken).ConfigureAwait(false))
                {
                    Log.LaptopRoutesChanged(_logger);
                    _applied = null;
                }

                if (!ReferenceEquals(_connection.View.Cluster, seen) || _applied is null)
                {
                    seen = _connection.View.Cluster;
                    if (seen is not null)
                    {
                        await ApplyAsync(seen, firstTime: false, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.NetworkUpdateFailed(_logger, e);
                Volatile.Write(ref _status, NetworkStatus.Off($"updating the network failed: {e.Message}"));
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ApplyAsync(ClusterInfo cluster, bool firstTime, CancellationToken cancellationToken)
    {
        if (!cluster.HasView)
        {
            var reason = "the traffic manager cannot read the cluster's Services and Pods; --proxy=socks still reaches them by name";
            if (firstTime)
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition, reason));
            }

            await RemoveAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _status, NetworkStatus.Off(reason));
            return;
        }

        _dns.Update(cluster, _connection.Options.Namespace);
        var names = _dns.Names;
        var ranges = ProxyRanges.From(cluster, _request.AlsoProxy, _request.NeverProxy, _through, _throughSource);
        var request = HelperRequest.Apply(
            [.. ranges.Proxied.Select(r => r.Cidr)], [.. ranges.Never.Select(r => r.Cidr)], _proxy.Port, _dns.EndPoint.Port, ResolvConf.OurAddress.ToString(), [.. names.SearchList], [.. names.DnsDomains]);
        if (!SameRules(request, _applied))
        {
            var routesBefore = await ProcNetRoute.ReadAsync(cancellationToken).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(HelperCallTimeout);
            var reply = await _helper.ApplyAsync(request, timeout.Token).ConfigureAwait(false);
            if (!reply.Ok)
            {
                var reason = $"the network helper refused the rules: {reply.Error}";
                if (firstTime)
                {
                    throw new RpcException(new Status(StatusCode.FailedPrecondition, reason));
                }

                Volatile.Write(ref _status, NetworkStatus.Off(reason));
                return;
            }

            _applied = request;
            _dnsVia = reply.Dns ?? ResolvConf.DefaultPath;
            _ownRoutes = reply.Routes ?? [];
            _laptopRoutes.Saw(routesBefore, _ownRoutes);
            Log.NetworkApplied(_logger, string.Join(", ", request.ClusterRanges!), string.Join(", ", request.NeverRanges!));
        }

        var routes = await ProcNetRoute.ReadAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _status, new NetworkStatus(true, NetworkStatus.Enabled, ranges, names.DnsDomains, names.SearchList, Conflicts(ranges, routes), _dnsVia, _ownRoutes));
    }

    /// <returns>The file's text when another program replaced it (Telepath's block is gone); null while it is ours.</returns>
    private static async Task<string?> ReplacedResolverAsync(CancellationToken cancellationToken)
    {
        try
        {
            var text = await new ResolvConf().ReadAsync(cancellationToken).ConfigureAwait(false);
            return ResolvConf.HasBlock(text) ? null : text;
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static bool SameRules(HelperRequest request, HelperRequest? applied) =>
        applied is not null
        && request.ClusterRanges!.SequenceEqual(applied.ClusterRanges!)
        && request.NeverRanges!.SequenceEqual(applied.NeverRanges!)
        && request.SearchDomains!.SequenceEqual(applied.SearchDomains!)
        && request.RouteDomains!.SequenceEqual(applied.RouteDomains!);

    // Telepath's own routes are not the laptop's: they conflict with nothing.
    private static IReadOnlyList<Protocol.Daemon.RouteConflict> Conflicts(ProxyRanges ranges, IReadOnlyList<Route> routes) =>
    [
        .. RouteConflicts.Find(ranges.Proxied.Select(r => IPNetwork.Parse(r.Cidr)), routes, LaptopRouteWatch.OwnLinks)
            .Select(c => new Protocol.Daemon.RouteConflict { Range = c.Range.ToString(), Route = c.Route }),
    ];

    private async Task RemoveAsync(CancellationToken cancellationToken)
    {
        if (_applied is null)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HelperCallTimeout);
        var reply = await _helper.RemoveAsync(timeout.Token).ConfigureAwait(false);
        if (!reply.Ok)
        {
            Log.NetworkRemoveFailed(_logger, reply.Error ?? "");
        }

        _applied = null;
        _ownRoutes = [];
    }

    /// <summary>Takes the rules down (the helper also does when this connection closes) and stops serving.</summary>
    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _following.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await RemoveAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // Closing the session below makes the helper remove everything anyway.
            Log.NetworkRemoveFailed(_logger, e.Message);
        }

        await _helper.DisposeAsync().ConfigureAwait(false);
        await _proxy.DisposeAsync().ConfigureAwait(false);
        await _dns.DisposeAsync().ConfigureAwait(false);
        _lifetime.Dispose();
    }
}
