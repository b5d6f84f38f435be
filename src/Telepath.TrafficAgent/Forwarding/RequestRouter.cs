using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Telepath.TrafficAgent.Mirroring;
using Telepath.TrafficAgent.Routing;
using Telepath.TrafficAgent.Routing.Conditions;
using Telepath.TrafficAgent.Tunnels;
using Telepath.TrafficAgent.Watching;
using Yarp.ReverseProxy.Forwarder;

namespace Telepath.TrafficAgent.Forwarding;

/// <summary>
/// The agent's terminal middleware: each HTTP request (each keep-alive request, each HTTP/2 stream)
/// goes to the first personal intercept that matches it, or to the app. Bodies stream through YARP.
/// </summary>
internal sealed class RequestRouter(
    RouteTable routes,
    InterceptClients intercepts,
    AppDestination app,
    IHttpForwarder forwarder,
    ForwardingCounters counters,
    RequestLog requestLog,
    Mirrors mirrors,
    ILogger<RequestRouter> logger)
{
    public async Task RouteAsync(HttpContext context)
    {
        var config = ForwardingConfigs.For(context);
        var snapshot = routes.Current;
        var watched = requestLog.Begin(snapshot);
        var route = snapshot.Match(new KestrelRequestView(context.Request));
        var mirrored = Mirrorable(context) ? snapshot.MatchMirrors(new KestrelRequestView(context.Request)) : [];
        CapturingStream? capture = null;
        MirrorCapture? captured = null;
        if (mirrored.Count > 0)
        {
            captured = new MirrorCapture(mirrored.Max(m => m.MirrorBodyLimit));
            capture = new CapturingStream(context.Request.Body, captured);
            context.Request.Body = capture;
        }

        // Only watched requests pay for counting; the mirror's capture, if any, sees the same bytes beneath.
        CountingStream? counted = null;
        CountingStream? answered = null;
        if (watched is not null)
        {
            context.Request.Body = counted = new CountingStream(context.Request.Body);
            context.Response.Body = answered = new CountingStream(context.Response.Body);
        }

        var outcome = route is null
            ? await ToAppAsync(context, config).ConfigureAwait(false)
            : await ToInterceptAsync(context, route, config).ConfigureAwait(false);
        counters.Count(outcome);
        Log.Forwarded(logger, context.Request.Method, context.Request.Path, context.Request.Protocol, outcome);
        if (watched is { } started && counted is not null && answered is not null)
        {
            Record(context, started, snapshot, route, outcome, counted.BytesRead, answered.BytesWritten);
        }

        if (capture is not null && captured is not null)
        {
            Mirror(context, mirrored, capture, captured, watched is not null);
        }
    }

    /// <summary>Upgrades (WebSocket, extended CONNECT) carry no request a mirror could replay.</summary>
    private static bool Mirrorable(HttpContext context) =>
        !HttpMethods.IsConnect(context.Request.Method)
        && context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest != true
        && context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect != true;

    private void Mirror(HttpContext context, IReadOnlyList<InterceptRoute> mirrored, CapturingStream capture, MirrorCapture captured, bool watched)
    {
        var request = context.Request;
        var canHaveBody = CanHaveBody(context);
        var truncated = captured.Truncated || canHaveBody && !capture.Ended || request.ContentLength is { } length && captured.Bytes.Length < length;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(new(name, value ?? ""));
            }
        }

        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString).ToString();
        var version = HttpProtocol.IsHttp2(request.Protocol) ? System.Net.HttpVersion.Version20 : System.Net.HttpVersion.Version11;
        var copy = new MirrorCopy(request.Method, target, version, headers, captured.Bytes, truncated)
        {
            AppStatus = context.Response.StatusCode,
            Watched = watched,
        };
        mirrors.Offer(mirrored, copy);
    }

    /// <remarks>Bytes are the bodies' only, as read from the client and written back: Kestrel has parsed (or HPACK-decoded) the heads.</remarks>
    private void Record(HttpContext context, WatchedRequest started, RouteSnapshot snapshot, InterceptRoute? route, ForwardOutcome outcome, long bytesIn, long bytesOut)
    {
        var request = context.Request;
        var unmatched = route is null ? snapshot.ExplainNoMatch(new KestrelRequestView(request)) : null;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString).ToString();
        var protocol = HttpProtocol.IsHttp2(request.Protocol) ? "h2" : request.Protocol.ToLowerInvariant();
        var status = outcome == ForwardOutcome.ClientGone ? 0 : context.Response.StatusCode;
        requestLog.Http(started, protocol, request.Method, target, route, unmatched, outcome, status, bytesIn, bytesOut);
    }

    private async Task<ForwardOutcome> ToInterceptAsync(HttpContext context, InterceptRoute route, ForwarderRequestConfig config)
    {
        ForwarderError error;
        using (var lease = intercepts.Acquire(route))
        {
            error = await forwarder.SendAsync(context, route.DestinationPrefix, lease.Invoker, config, HttpTransformer.Empty).ConfigureAwait(false);
        }

        if (error == ForwarderError.None)
        {
            return ForwardOutcome.Intercept;
        }

        var failure = ForwardFailure.Of(context, error);
        var dial = TunnelDialException.FindIn(failure.Exception);
        if (dial is not null && !context.Response.HasStarted && (dial.Outcome.FailsOpen() || dial.Outcome == TunnelDialOutcome.LaptopVanished && !CanHaveBody(context)))
        {
            // Not a byte of the request was read (the tunnel was never opened, or the request has no body
            // and the laptop vanished before it dialed its target): the app can have it whole.
            Log.FailingOpen(logger, route.Name, context.Request.Method, context.Request.Path, dial.Outcome, dial.Message);
            failure.ResetResponse();
            var fallback = await ToAppAsync(context, config).ConfigureAwait(false);
            return fallback == ForwardOutcome.App ? ForwardOutcome.FailedOpen : fallback;
        }

        if (failure.ClientGone)
        {
            Log.ClientGone(logger, context.Request.Method, context.Request.Path, error);
            return ForwardOutcome.ClientGone;
        }

        Log.InterceptFailed(logger, route.Name, context.Request.Method, context.Request.Path, error, dial?.Message ?? failure.Message);
        if (dial?.Outcome == TunnelDialOutcome.TargetUnreachable)
        {
            await failure.RespondAsync(
                $"telepath: intercept \"{route.Name}\" could not reach {route.TargetAddress} on the laptop of {route.ClientName}: {dial.Message}").ConfigureAwait(false);
            return ForwardOutcome.TargetUnreachable;
        }

        await failure.RespondAsync($"telepath: intercept \"{route.Name}\" of {route.ClientName} failed: {dial?.Message ?? failure.Message}").ConfigureAwait(false);
        return ForwardOutcome.InterceptFailed;
    }

    private static bool CanHaveBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;

    private async Task<ForwardOutcome> ToAppAsync(HttpContext context, ForwarderRequestConfig config)
    {
        var error = await forwarder.SendAsync(context, app.Prefix, app.Invoker, config, HttpTransformer.Empty).ConfigureAwait(false);
        if (error == ForwarderError.None)
        {
            return ForwardOutcome.App;
        }

        var failure = ForwardFailure.Of(context, error);
        if (failure.ClientGone)
        {
            Log.ClientGone(logger, context.Request.Method, context.Request.Path, error);
            return ForwardOutcome.ClientGone;
        }

        Log.AppFailed(logger, app.Address, context.Request.Method, context.Request.Path, error, failure.Message);
        await failure.RespondAsync($"telepath: the app at {app.Address} failed: {failure.Message}").ConfigureAwait(false);
        return ForwardOutcome.AppFailed;
    }
}
