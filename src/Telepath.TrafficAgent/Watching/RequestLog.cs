using System.Diagnostics;
using System.Threading.Channels;
using Telepath.Protocol.Manager;
using Telepath.TrafficAgent.Forwarding;
using Telepath.TrafficAgent.Routing;

namespace Telepath.TrafficAgent.Watching;

/// <summary>
/// What reached the agent, for <c>telepath watch</c>. The data path only enqueues: a bounded queue that
/// drops the newest event (and counts it) rather than wait, and <see cref="RequestLogSender"/> batches it
/// to the manager. Nothing is recorded unless the current routes say some client watches.
/// </summary>
internal sealed class RequestLog(AgentOptions options, TimeProvider time)
{
    /// <summary>About a second of a busy agent's requests: enough to ride out a slow manager, small enough to bound memory.</summary>
    public const int Capacity = 4096;

    private readonly Channel<RequestEvent> _queue = Channel.CreateBounded<RequestEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _dropped;

    public ChannelReader<RequestEvent> Reader => _queue.Reader;

    /// <summary>Starts timing a request when <paramref name="routes"/> say it is watched; null (and no cost) otherwise.</summary>
    public WatchedRequest? Begin(RouteSnapshot routes) =>
        routes.Watched ? new WatchedRequest(time.GetUtcNow().ToUnixTimeMilliseconds(), Stopwatch.GetTimestamp()) : null;

    /// <summary>One HTTP request's event. <paramref name="unmatched"/> is why no intercept took it (null when one did).</summary>
    public void Http(
        WatchedRequest started, string protocol, string method, string target, InterceptRoute? route, string? unmatched,
        ForwardOutcome outcome, int status, long bytesIn, long bytesOut)
    {
        var (client, reason) = Destination(route, unmatched, outcome);
        Enqueue(new RequestEvent
        {
            UnixTimeMs = started.UnixTimeMs,
            Protocol = protocol,
            Method = method,
            Path = target,
            InterceptId = route?.Id ?? "",
            InterceptName = route?.Name ?? "",
            Client = client,
            Reason = reason,
            Status = status,
            DurationMicros = started.ElapsedMicros(),
            BytesIn = bytesIn,
            BytesOut = bytesOut,
        });
    }

    /// <summary>A mirror's copy of a request: the app's status beside the laptop's (0 when it gave none).</summary>
    public void Mirror(WatchedRequest started, Mirroring.MirrorCopy copy, InterceptRoute mirror, int mirrorStatus, string reason) =>
        Enqueue(new RequestEvent
        {
            UnixTimeMs = started.UnixTimeMs,
            Protocol = copy.Protocol,
            Method = copy.Method,
            Path = copy.Target,
            InterceptId = mirror.Id,
            InterceptName = mirror.Name,
            Client = mirror.ClientName,
            Reason = reason,
            Status = copy.AppStatus,
            Mirror = true,
            MirrorStatus = mirrorStatus,
            DurationMicros = started.ElapsedMicros(),
            BytesIn = copy.Body.Length,
        });

    /// <summary>One TCP connection's event: a global intercept's, or one that is not HTTP.</summary>
    /// <param name="bytesIn">Bytes the client sent that reached the destination.</param>
    /// <param name="bytesOut">Bytes the destination sent that reached the client.</param>
    public void Tcp(WatchedRequest started, InterceptRoute? route, string client, string reason, long bytesIn, long bytesOut) =>
        Enqueue(new RequestEvent
        {
            UnixTimeMs = started.UnixTimeMs,
            Protocol = "tcp",
            InterceptId = route?.Id ?? "",
            InterceptName = route?.Name ?? "",
            Client = client,
            Reason = reason,
            DurationMicros = started.ElapsedMicros(),
            BytesIn = bytesIn,
            BytesOut = bytesOut,
        });

    /// <summary>Events lost to a full queue (or to no session) since the last call.</summary>
    public long TakeDropped() => Interlocked.Exchange(ref _dropped, 0);

    public void CountDropped(long count) => Interlocked.Add(ref _dropped, count);

    private void Enqueue(RequestEvent request)
    {
        request.Namespace = options.Namespace;
        request.Workload = options.Workload;
        request.Pod = options.PodName;
        if (!_queue.Writer.TryWrite(request))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private static (string Client, string Reason) Destination(InterceptRoute? route, string? unmatched, ForwardOutcome outcome) => outcome switch
    {
        ForwardOutcome.App => ("", unmatched ?? ""),
        ForwardOutcome.Intercept => (route?.ClientName ?? "", ""),
        ForwardOutcome.FailedOpen => ("", "the intercept's laptop could not take it (failed open)"),
        ForwardOutcome.TargetUnreachable => (route?.ClientName ?? "", "nothing listens at the intercept's target on the laptop"),
        ForwardOutcome.InterceptFailed => (route?.ClientName ?? "", "the tunnel to the laptop failed"),
        ForwardOutcome.AppFailed => ("", route is null ? $"{unmatched}; the app failed" : "failed open; the app failed"),
        _ => (route?.ClientName ?? "", "the client went away"),
    };
}
