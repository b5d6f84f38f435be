using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Telepath.TrafficAgent.Forwarding;
using Telepath.TrafficAgent.Routing;
using Telepath.TrafficAgent.Watching;

namespace Telepath.TrafficAgent.Mirroring;

/// <summary>
/// The mirror intercepts' queues: one per mirror, whose sender replays each copy through the mirror's
/// tunnel (<see cref="InterceptClients"/>) and reads its answer only to log its status. A mirror that
/// leaves the routes loses its queue.
/// </summary>
internal sealed class Mirrors : IDisposable
{
    /// <summary>How long a copy may wait for the laptop's answer before the sender moves on.</summary>
    public static readonly TimeSpan CopyTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Lane> _lanes = [];
    private readonly RouteTable _routes;
    private readonly InterceptClients _clients;
    private readonly RequestLog _requestLog;
    private readonly ILogger<Mirrors> _logger;
    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;
    private long _dropped;
    private long _refused;

    public Mirrors(RouteTable routes, InterceptClients clients, RequestLog requestLog, TimeProvider time, ILogger<Mirrors> logger)
    {
        _time = time;
        _routes = routes;
        _clients = clients;
        _requestLog = requestLog;
        _logger = logger;
        _subscription = ChangeToken.OnChange(() => _routes.ChangeToken, RemoveGone);
    }

    /// <summary>Copies dropped because a mirror's queue was full: its laptop is slow or gone.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Requests a mirror matched but that are not mirrored (streaming gRPC).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Hands <paramref name="copy"/> to each mirror's queue; never waits.</summary>
    public void Offer(IReadOnlyList<InterceptRoute> mirrors, MirrorCopy copy)
    {
        if (copy.NotMirrored() is { } reason)
        {
            Interlocked.Increment(ref _refused);
            Log.NotMirrored(_logger, copy.Method, copy.Target, reason);
            return;
        }

        foreach (var mirror in mirrors)
        {
            copy = copy.CutTo(mirror.MirrorBodyLimit);
            var lane = LaneOf(mirror);
            if (lane is null || !lane.Queue.Offer(copy))
            {
                lane?.Drops.Add();
                var dropped = Interlocked.Increment(ref _dropped);
                Log.CopyDropped(_logger, mirror.Name, copy.Method, copy.Target, dropped);
                if (copy.Watched)
                {
                    _requestLog.Mirror(new WatchedRequest(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), System.Diagnostics.Stopwatch.GetTimestamp()), copy, mirror, 0, "copy dropped: the laptop is slow or gone");
                }
            }
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        List<Lane> all;
        lock (_lock)
        {
            all = [.. _lanes.Values];
            _lanes.Clear();
        }

        foreach (var lane in all)
        {
            lane.Close();
        }
    }

    private Lane? LaneOf(InterceptRoute mirror)
    {
        lock (_lock)
        {
            if (_lanes.TryGetValue(mirror.Id, out var lane))
            {
                return lane;
            }

            if (!_routes.Current.Contains(mirror.Id))
            {
                return null;
            }

            lane = new Lane(
                new MirrorQueue((copy, stopping) => SendAsync(mirror, copy, stopping)),
                new MirrorDropReport(_time, (count, elapsed) => Log.CopiesDropped(_logger, count, mirror.Name, mirror.ClientName, (long)Math.Round(elapsed.TotalSeconds))));
            _lanes.Add(mirror.Id, lane);
            return lane;
        }
    }

    private async Task SendAsync(InterceptRoute mirror, MirrorCopy copy, CancellationToken stopping)
    {
        var started = new WatchedRequest(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), System.Diagnostics.Stopwatch.GetTimestamp());
        var status = 0;
        string? problem = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(CopyTimeout);
        try
        {
            using var lease = _clients.Acquire(mirror);
            using var request = copy.ToRequest(mirror.DestinationPrefix);
            using var response = await lease.Invoker.SendAsync(request, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            // Read and dropped: the laptop's answer goes nowhere.
            await response.Content.CopyToAsync(Stream.Null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or Telepath.TrafficAgent.Tunnels.TunnelDialException)
        {
            problem = e is OperationCanceledException && !stopping.IsCancellationRequested ? $"no answer within {CopyTimeout.TotalSeconds:0}s" : e.Message;
            Log.CopyFailed(_logger, mirror.Name, copy.Method, copy.Target, problem);
        }

        if (copy.Watched)
        {
            _requestLog.Mirror(started, copy, mirror, status, problem is null ? "" : $"the laptop did not answer the copy: {problem}");
        }
    }

    private void RemoveGone()
    {
        var current = _routes.Current;
        List<Lane> gone = [];
        lock (_lock)
        {
            foreach (var id in _lanes.Keys.Where(id => !current.Contains(id)).ToList())
            {
                gone.Add(_lanes[id]);
                _lanes.Remove(id);
            }
        }

        foreach (var lane in gone)
        {
            lane.Close();
        }
    }

    /// <summary>One mirror's queue and the count of its drops that the log has not told yet.</summary>
    private sealed record Lane(MirrorQueue Queue, MirrorDropReport Drops)
    {
        public void Close()
        {
            Drops.Dispose();
            _ = Queue.DisposeAsync().AsTask();
        }
    }
}
