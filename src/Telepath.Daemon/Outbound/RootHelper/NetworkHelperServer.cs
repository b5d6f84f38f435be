using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>
/// The privileged helper (<c>telepath network-helper</c>, root): serves the daemon of one user on a Unix
/// socket and changes nothing but Telepath's nftables table, its resolver settings (the resolv.conf block or
/// split DNS through systemd-resolved), and its own link with the routes on it. The first accepted
/// connection of that user (or root) is the session, and the only one served: any later connection is
/// refused, so no second daemon, nor another process of the same user, can change what the session set
/// up. When it closes — the daemon quit, crashed or was killed, and the kernel closed its socket —
/// everything is removed and the helper exits. Its rules redirect only the session's user's traffic.
/// </summary>
public sealed class NetworkHelperServer
{
    public const string ReadyLine = "ready";

    public static readonly TimeSpan FirstConnectionTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan LauncherPoll = TimeSpan.FromMilliseconds(250);

    private readonly uint _userId;
    private readonly NetworkSetup _setup;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly TaskCompletionSource<Task> _session = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PeerCredentials? _sessionPeer;

    private NetworkHelperServer(uint userId, NetworkSetup setup, ILogger logger)
    {
        _userId = userId;
        _setup = setup;
        _logger = logger;
    }

    /// <summary>Runs the helper until its session ends, none starts in time, or SIGTERM/SIGINT; returns the exit code.</summary>
    /// <param name="ready">Told <see cref="ReadyLine"/> once the socket listens (the CLI that started the helper waits for it).</param>
    /// <param name="launcherAlive">Whether the process that started the helper still runs; none means it is not watched.</param>
    public static async Task<int> RunAsync(
        uint userId, string socketPath, NetworkSetup setup, TextWriter ready, ILogger logger, CancellationToken cancellationToken, Func<bool>? launcherAlive = null)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, lifetime));
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, lifetime));

        // The terminal that ran sudo may close long before the daemon goes; that is no reason to stop.
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, signal => signal.Cancel = true);

        // Leftovers of a helper that was killed before it could clean up.
        await setup.RemoveAsync(lifetime.Token).ConfigureAwait(false);
        var server = new NetworkHelperServer(userId, setup, logger);
        Socket listener;
        try
        {
            listener = HelperSocket.Listen(socketPath, userId);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"telepath network-helper: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        try
        {
            Log.HelperListening(logger, socketPath, userId);
            await ready.WriteLineAsync(ReadyLine).ConfigureAwait(false);
            await ready.FlushAsync(lifetime.Token).ConfigureAwait(false);
            _ = server.AcceptAsync(listener, lifetime.Token);
            return await server.WaitForSessionAsync(launcherAlive, lifetime.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            await lifetime.CancelAsync().ConfigureAwait(false);
            listener.Dispose();
            await setup.RemoveAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static void Stop(PosixSignalContext signal, CancellationTokenSource lifetime)
    {
        signal.Cancel = true;
        lifetime.Cancel();
    }

    private async Task<int> WaitForSessionAsync(Func<bool>? launcherAlive, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + FirstConnectionTimeout;
        while (!_session.Task.IsCompleted)
        {
            // A Ctrl+C that reached only the CLI ends the connect before any daemon comes: no reason to wait out the timeout.
            if (launcherAlive is not null && !launcherAlive())
            {
                Log.LauncherGone(_logger);
                return 1;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                Log.NoSession(_logger, FirstConnectionTimeout.TotalSeconds);
                return 1;
            }

            await Task.WhenAny(_session.Task, Task.Delay(LauncherPoll, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        await (await _session.Task.ConfigureAwait(false)).WaitAsync(cancellationToken).ConfigureAwait(false);
        Log.SessionEnded(_logger);
        return 0;
    }

    private async Task AcceptAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket peer;
            try
            {
                peer = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && cancellationToken.IsCancellationRequested)
            {
                return;
            }

            // Decided here, one connection after another, so that of two connections at once exactly one is the session.
            var credentials = PeerCredentials.Of(peer);
            var refusal = Refusal(credentials);
            var serving = ServeAsync(peer, credentials, refusal, cancellationToken);
            if (refusal is null)
            {
                _sessionPeer = credentials;
                _session.TrySetResult(serving);
            }
        }
    }

    /// <returns>Null for the session; else the one line a refused peer reads.</returns>
    private string? Refusal(PeerCredentials peer)
    {
        if (peer.UserId != _userId && peer.UserId != 0)
        {
            Log.PeerRefused(_logger, peer.UserId, peer.ProcessId, _userId);
            return $"refused: this Telepath network helper serves user {_userId} only, not user {peer.UserId}";
        }

        if (_sessionPeer is { } session)
        {
            Log.SecondSessionRefused(_logger, peer.UserId, peer.ProcessId, session.UserId, session.ProcessId);
            return $"refused: this Telepath network helper serves one session only, already that of process {session.ProcessId} (user {session.UserId}); "
                + "run telepath quit, then connect again";
        }

        return null;
    }

    private async Task ServeAsync(Socket peer, PeerCredentials credentials, string? refusal, CancellationToken cancellationToken)
    {
        using (peer)
        {
            await using var stream = new NetworkStream(peer, ownsSocket: false);
            var connection = new HelperConnection(stream);
            try
            {
                if (refusal is not null)
                {
                    await AwaitFirstBytesAsync(peer, cancellationToken).ConfigureAwait(false);
                    await connection.ReplyAsync(HelperReply.Failed(refusal), cancellationToken).ConfigureAwait(false);
                    return;
                }

                while (await connection.ReadRequestAsync(cancellationToken).ConfigureAwait(false) is { } request)
                {
                    var reply = await AnswerAsync(request, credentials.UserId, cancellationToken).ConfigureAwait(false);
                    Log.Answered(_logger, request.Request?.Op ?? "?", reply.Ok, reply.Error ?? "");
                    await connection.ReplyAsync(reply, cancellationToken).ConfigureAwait(false);
                    if (request.Final)
                    {
                        // Mid-line, the rest of the stream cannot be read as requests; the session ends here.
                        return;
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The daemon went away mid-request, or the helper is stopping: either way this connection is over.
            }
        }
    }

    // A refusal written before the peer has sent its request would close the socket under the peer's own send
    // (EPIPE) and it would never read why. Waiting briefly for its first bytes (not a whole line: an unbounded
    // read for a stranger) lets the refusal arrive as the answer to its request.
    private static async Task AwaitFirstBytesAsync(Socket peer, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await peer.ReceiveAsync(new byte[1024], SocketFlags.None, patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A peer that sends nothing still gets its refusal.
        }
    }

    private async Task<HelperReply> AnswerAsync(ReadRequest read, uint userId, CancellationToken cancellationToken)
    {
        if (read.Request is not { } request)
        {
            return HelperReply.Failed(read.Error ?? "not a request");
        }

        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            switch (request.Op)
            {
                case HelperRequest.ApplyOp:
                    var (plan, error) = NetworkPlanValidator.Validate(request, userId);
                    return plan is null
                        ? HelperReply.Failed(error!)
                        : await _setup.ApplyAsync(plan, cancellationToken).ConfigureAwait(false);
                case HelperRequest.RemoveOp or HelperRequest.CleanupOp:
                    return await _setup.RemoveAsync(cancellationToken).ConfigureAwait(false);
                default:
                    return HelperReply.Failed($"unknown op \"{request.Op}\": use apply, remove or cleanup");
            }
        }
        finally
        {
            _changes.Release();
        }
    }
}
