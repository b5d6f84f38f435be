using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Telepath.Protocol.Manager;
using Telepath.TrafficAgent.Forwarding;
using Telepath.TrafficAgent.Mirroring;
using Telepath.TrafficAgent.Routing;
using Telepath.TrafficAgent.Tunnels;
using Telepath.TrafficAgent.Watching;

namespace Telepath.TrafficAgent.Http1;

/// <summary>
/// One client's HTTP/1.x connection, relayed request by request: each head is read and routed on its
/// own (keep-alive requests and half-closed clients alike), then its bytes and the response's are
/// copied as they are. A request the relay does not read the way the server would is left unread,
/// and Kestrel's HTTP/1.1 pipeline takes the connection from there.
/// </summary>
internal sealed class Http1Connection(ConnectionContext client, Http1Relay relay) : IAsyncDisposable
{
    private readonly PipeReader _input = client.Transport.Input;
    private readonly PipeWriter _output = client.Transport.Output;
    private readonly Upstreams _upstreams = new(relay.App, relay.Dialer);

    // The request in exchange, when it is watched (Watching/RequestLog): set by ExchangeAsync and the
    // response, read by Count, which runs exactly once per request.
    private WatchedRequest? _watched;
    private InterceptRoute? _watchedRoute;
    private string? _unmatched;
    private ResponseHead? _response;

    // What the watched request in exchange has carried each way (allocated for the first watched request).
    private ByteCounter? _bytesIn;
    private ByteCounter? _bytesOut;

    // The request body's bytes kept for the mirrors that matched the request in exchange, if any did.
    private MirrorCapture? _capture;

    /// <returns>False when Kestrel must take the connection: the next request is still unread.</returns>
    public async Task<bool> RunAsync(CancellationToken stopping)
    {
        // Not linked to the client's ConnectionClosed: Kestrel fires it on a FIN too, and a client that
        // half-closes after its request still waits for the answer. A client that is really gone shows
        // up as the end of its input or a failed write.
        using var deadline = new RequestDeadline(relay.Time, stopping);
        var first = true;
        while (true)
        {
            // Sniffing handed the connection over because its first request had begun.
            deadline.AwaitRequest(headStarted: first);
            first = false;
            HeadStatus status;
            System.Buffers.ReadOnlySequence<byte> head;
            try
            {
                (status, head) = await ReadHeadAsync(deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Idle or slow for too long, or the agent is stopping: close, as Kestrel would.
                return true;
            }

            if (status == HeadStatus.TooLarge)
            {
                return false;
            }

            if (status != HeadStatus.Head)
            {
                return true;
            }

            var request = RequestHead.TryParse(head);
            if (request is null)
            {
                _input.AdvanceTo(head.Start, head.Start);
                Log.HandedToKestrel(relay.Logger, client.ConnectionId);
                return false;
            }

            _input.AdvanceTo(head.End);
            if (!deadline.Suspend())
            {
                return true;
            }

            using (request)
            {
                var routes = relay.Routes.Current;
                _watched = relay.RequestLog.Begin(routes);
                var watched = _watched is not null;
                if (watched)
                {
                    (_bytesIn ??= new()).Reset(request.Length);
                    (_bytesOut ??= new()).Reset();
                }

                _response = null;
                // An upgrade's bytes after the 101 are no request a mirror could replay.
                var mirrors = request.IsUpgrade ? [] : routes.MatchMirrors(request);
                _capture = mirrors.Count == 0 ? null : new MirrorCapture(mirrors.Max(m => m.MirrorBodyLimit));
                var keep = await ExchangeAsync(request, deadline.Token).ConfigureAwait(false);
                if (_capture is not null)
                {
                    Mirror(request, mirrors, _capture, watched);
                    _capture = null;
                }

                if (!keep)
                {
                    return true;
                }
            }
        }
    }

    public ValueTask DisposeAsync() => _upstreams.DisposeAsync();

    /// <summary>Waits for the next head; a change of routes meanwhile closes tunnels of intercepts that are gone.</summary>
    private async ValueTask<(HeadStatus, System.Buffers.ReadOnlySequence<byte>)> ReadHeadAsync(RequestDeadline deadline)
    {
        while (true)
        {
            await _upstreams.PruneAsync(relay.Routes.Current).ConfigureAwait(false);
            using var wake = _upstreams.HoldsTunnels ? ChangeToken.OnChange(() => relay.Routes.ChangeToken, _input.CancelPendingRead) : null;
            var (status, head) = await HeadReader.ReadAsync(_input, deadline, deadline.Token).ConfigureAwait(false);
            if (status != HeadStatus.Canceled)
            {
                return (status, head);
            }
        }
    }

    /// <returns>Whether the connection can carry another request.</returns>
    private async Task<bool> ExchangeAsync(RequestHead request, CancellationToken cancellationToken)
    {
        var routes = relay.Routes.Current;
        var route = routes.Match(request);
        if (_watched is not null)
        {
            _watchedRoute = route;
            _unmatched = route is null ? routes.ExplainNoMatch(request) : null;
        }

        Upstream? upstream;
        bool reused;
        var success = ForwardOutcome.App;
        if (route is null)
        {
            string error;
            (upstream, reused, error) = await _upstreams.AppAsync(cancellationToken).ConfigureAwait(false);
            if (upstream is null)
            {
                return await FailAsync(request, ForwardOutcome.AppFailed, $"the app at {relay.App.Address}", error).ConfigureAwait(false);
            }
        }
        else
        {
            TunnelDial dial;
            (upstream, reused, dial) = await _upstreams.TunnelAsync(route, cancellationToken).ConfigureAwait(false);
            success = ForwardOutcome.Intercept;
            if (upstream is null)
            {
                if (dial.Outcome == TunnelDialOutcome.Cancelled)
                {
                    return Count(request, ForwardOutcome.ClientGone, keep: false);
                }

                if (!dial.Outcome.FailsOpen())
                {
                    return await FailAsync(request, ForwardOutcome.InterceptFailed, $"intercept \"{route.Name}\" of {route.ClientName}", dial.Message).ConfigureAwait(false);
                }

                Log.FailingOpen(relay.Logger, route.Name, request.Method, request.Path, dial.Outcome.ToString(), dial.Message);
                return await FailOpenAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }

        return await ForwardAsync(request, upstream, reused, success, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> FailOpenAsync(RequestHead request, CancellationToken cancellationToken)
    {
        var (app, reused, error) = await _upstreams.AppAsync(cancellationToken).ConfigureAwait(false);
        return app is null
            ? await FailAsync(request, ForwardOutcome.AppFailed, $"the app at {relay.App.Address}", error).ConfigureAwait(false)
            : await ForwardAsync(request, app, reused, ForwardOutcome.FailedOpen, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ForwardAsync(RequestHead request, Upstream upstream, bool reused, ForwardOutcome success, CancellationToken cancellationToken)
    {
        var toUpstream = upstream.Pipe.Output;
        toUpstream.Write(request.Bytes.Span);
        // A head whose body has not arrived yet goes out on its own: the client may be waiting for a
        // 100 Continue (or any answer) before it sends one. Otherwise it leaves with the body's first bytes.
        if (request.Body.Kind != BodyKind.None && !BodyBuffered())
        {
            await toUpstream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        var (bytesIn, bytesOut) = _watched is null ? (null, null) : (_bytesIn, _bytesOut);
        // An earlier attempt that failed before answering wrote nothing to the client.
        bytesOut?.Reset();
        using var bodyCut = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var body = request.Body.Kind == BodyKind.None
            ? FlushAsync(toUpstream, cancellationToken)
            : BodyCopier.CopyAsync(_input, toUpstream, request.Body, bodyCut.Token, capture: _capture, counted: bytesIn).AsTask();
        // Counted before the client can see the response end, so whoever reads the counters after it sees the count.
        var counted = false;
        var response = await ResponseRelay.RunAsync(
            upstream.Pipe.Input, _output, request.IsHead, head => counted = Count(request, success, keep: true, head), bytesOut, cancellationToken).ConfigureAwait(false);

        _response ??= response.Head;
        if (response.End == ResponseEnd.NoResponse)
        {
            await bodyCut.CancelAsync().ConfigureAwait(false);
            await Settle(body).ConfigureAwait(false);
            await _upstreams.DropAsync(upstream).ConfigureAwait(false);
            return await RecoverAsync(request, upstream, reused, response, cancellationToken).ConfigureAwait(false);
        }

        if (response.End is ResponseEnd.Broken or ResponseEnd.ClientGone)
        {
            await bodyCut.CancelAsync().ConfigureAwait(false);
            await Settle(body).ConfigureAwait(false);
            upstream.Abort();
            await _upstreams.DropAsync(upstream).ConfigureAwait(false);
            if (response.End == ResponseEnd.Broken)
            {
                Log.ExchangeFailed(relay.Logger, request.Method, request.Path, Destination(upstream), response.Problem);
                client.Abort(new ConnectionAbortedException("the upstream failed in the middle of the response"));
                return !counted && Count(request, upstream.Route is null ? ForwardOutcome.AppFailed : ForwardOutcome.InterceptFailed, keep: false);
            }

            // A client that left just as its last bytes were flushed was counted already.
            return !counted && Count(request, ForwardOutcome.ClientGone, keep: false);
        }

        if (response.End == ResponseEnd.Upgraded)
        {
            await Settle(body).ConfigureAwait(false);
            await RawPipes.RunAsync(client.Transport, upstream.Pipe).ConfigureAwait(false);
            await _upstreams.DropAsync(upstream).ConfigureAwait(false);
            return false;
        }

        // A server that answered before reading the whole body and then closes takes the rest of it with it.
        if (response.Head!.Value.CloseAfter && !body.IsCompleted)
        {
            await bodyCut.CancelAsync().ConfigureAwait(false);
        }

        var bodyEnd = await Settle(body).ConfigureAwait(false);
        var keep = bodyEnd == CopyEnd.Complete && !request.CloseAfter && !response.Head.Value.CloseAfter;
        if (!keep || response.Head.Value.CloseAfter)
        {
            await _upstreams.DropAsync(upstream).ConfigureAwait(false);
        }

        return counted ? keep : Count(request, success, keep);
    }

    /// <summary>
    /// The upstream gave no answer at all. Where the request can be sent again whole (it has no body):
    /// to a fresh connection when a kept one had been closed meanwhile, or to the app when the laptop
    /// went away before it even dialed its target. Otherwise the client gets a 502 naming why.
    /// </summary>
    private async Task<bool> RecoverAsync(RequestHead request, Upstream failed, bool reused, ResponseResult response, CancellationToken cancellationToken)
    {
        var replayable = request.Body.Kind == BodyKind.None;
        var route = failed.Route;
        if (route is not null && response.Tunnel?.Code == TunnelErrorCode.TargetUnreachable)
        {
            return await FailAsync(request, ForwardOutcome.TargetUnreachable, $"intercept \"{route.Name}\" could not reach {route.TargetAddress} on the laptop of {route.ClientName}", response.Problem, describedAsIs: true).ConfigureAwait(false);
        }

        if (replayable && route is not null && response.Tunnel?.Code == TunnelErrorCode.ClientUnreachable)
        {
            Log.FailingOpen(relay.Logger, route.Name, request.Method, request.Path, TunnelDialOutcome.LaptopVanished.ToString(), response.Problem);
            return await FailOpenAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (replayable && reused && response.NothingReceived)
        {
            return await ExchangeAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var outcome = route is null ? ForwardOutcome.AppFailed : ForwardOutcome.InterceptFailed;
        return await FailAsync(request, outcome, Destination(failed), response.Problem).ConfigureAwait(false);
    }

    /// <summary>Answers 502 with one line that names what failed and closes the connection (its request body may be half read).</summary>
    private async Task<bool> FailAsync(RequestHead request, ForwardOutcome outcome, string what, string problem, bool describedAsIs = false)
    {
        Log.ExchangeFailed(relay.Logger, request.Method, request.Path, what, problem);
        var text = describedAsIs ? $"telepath: {what}: {problem}\n" : $"telepath: {what} failed: {problem}\n";
        var body = Encoding.UTF8.GetBytes(text);
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        _output.Write(head);
        if (!request.IsHead)
        {
            _output.Write(body);
        }

        _bytesOut?.Reset(head.Length + (request.IsHead ? 0 : body.Length));

        await _output.FlushAsync().ConfigureAwait(false);
        return Count(request, outcome, keep: false, new ResponseHead(502, BodyFraming.Of(body.Length), CloseAfter: true));
    }

    private bool Count(RequestHead request, ForwardOutcome outcome, bool keep, ResponseHead? response = null)
    {
        relay.Counters.Count(outcome);
        if (relay.Logger.IsEnabled(LogLevel.Debug))
        {
            Log.Relayed(relay.Logger, request.Method, request.Path, outcome);
        }

        if (_watched is { } started)
        {
            _watched = null;
            Record(started, request, outcome, response ?? _response);
        }

        return keep;
    }

    /// <remarks>Bytes are as on the wire, heads and chunk framing included: what the relay took from the client and what it wrote back so far.</remarks>
    private void Record(WatchedRequest started, RequestHead request, ForwardOutcome outcome, ResponseHead? response)
    {
        var status = outcome == ForwardOutcome.ClientGone ? 0 : response?.Status ?? 0;
        var bytesIn = _bytesIn?.Count ?? 0;
        var bytesOut = _bytesOut?.Count ?? 0;
        relay.RequestLog.Http(started, "http/1.1", request.Method, request.Target, _watchedRoute, _unmatched, outcome, status, bytesIn, bytesOut);
    }

    /// <summary>Hands the mirrors a copy of the request just exchanged: its head, and its body as far as it was captured.</summary>
    private void Mirror(RequestHead request, IReadOnlyList<InterceptRoute> mirrors, MirrorCapture capture, bool watched)
    {
        var body = capture.Bytes;
        var truncated = capture.Truncated;
        if (request.Body.Kind == BodyKind.Chunked)
        {
            var (data, complete) = ChunkedBody.Decode(body.Span);
            body = data;
            truncated |= !complete;
        }
        else if (request.Body.Kind == BodyKind.ContentLength && body.Length < request.Body.Length)
        {
            truncated = true;
        }

        var copy = new MirrorCopy(request.Method, request.Target, System.Net.HttpVersion.Version11, request.Headers(), body, truncated)
        {
            AppStatus = _response?.Status ?? 0,
            Watched = watched,
        };
        relay.Mirrors.Offer(mirrors, copy);
    }

    private bool BodyBuffered()
    {
        if (!_input.TryRead(out var buffered))
        {
            return false;
        }

        _input.AdvanceTo(buffered.Buffer.Start);
        return !buffered.Buffer.IsEmpty;
    }

    private static string Destination(Upstream upstream) =>
        upstream.Route is { } route ? $"intercept \"{route.Name}\" of {route.ClientName}" : "the app";

    private static async Task<CopyEnd> FlushAsync(PipeWriter writer, CancellationToken cancellationToken)
    {
        var flush = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return flush.IsCompleted || flush.IsCanceled ? CopyEnd.DestinationGone : CopyEnd.Complete;
    }

    /// <summary>Waits for the request body's copy, whatever became of it; its failure is the response's business.</summary>
    private static async Task<CopyEnd> Settle(Task<CopyEnd> body)
    {
        try
        {
            return await body.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidDataException or ConnectionResetException or Telepath.Tunnels.Streams.TunnelException)
        {
            return CopyEnd.SourceEnded;
        }
    }
}
