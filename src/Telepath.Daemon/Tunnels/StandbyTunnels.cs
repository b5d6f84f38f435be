using Microsoft.Extensions.Logging;
using Telepath.Core.Sessions;
using Telepath.Protocol.Manager;
using Telepath.Tunnels.Streams;
using Telepath.Tunnels.Wire;

namespace Telepath.Daemon.Tunnels;

/// <summary>
/// Keeps, for each intercept this laptop holds, a few tunnels parked at the manager ahead of need
/// (docs/protocol.md, "Tunnels"). The manager joins an agent's new connection to one at once, so no
/// round trip to the laptop precedes its first byte; each one taken is replaced at once.
/// </summary>
internal sealed class StandbyTunnels(TunnelOpener tunnels, Func<string> sessionSecret, LiveTunnels live, ILogger logger, CancellationToken lifetime) : IAsyncDisposable
{
    /// <summary>
    /// Parked per intercept: a burst of more new connections than this waits one laptop round trip for
    /// the replacements, which are opened as each is taken.
    /// </summary>
    public const int PerIntercept = 8;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Keepers> _offers = new(StringComparer.Ordinal);

    /// <summary>Starts keeping standbys for the intercept, or, when it already has them, has their keepers retry at once.</summary>
    public void Offer(string interceptId, InterceptSpec spec)
    {
        lock (_lock)
        {
            if (_offers.TryGetValue(interceptId, out var existing))
            {
                existing.Kick();
                return;
            }

            var offer = new Keepers(CancellationTokenSource.CreateLinkedTokenSource(lifetime));
            _offers[interceptId] = offer;
            offer.Tasks = [.. Enumerable.Range(0, PerIntercept).Select(_ => KeepOneAsync(interceptId, spec, offer))];
        }
    }

    /// <summary>Stops offering standbys for the intercept; connections it is carrying go on.</summary>
    public async Task WithdrawAsync(string interceptId)
    {
        Keepers? offer;
        lock (_lock)
        {
            if (!_offers.Remove(interceptId, out offer))
            {
                return;
            }
        }

        await offer.StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        List<Keepers> all;
        lock (_lock)
        {
            all = [.. _offers.Values];
            _offers.Clear();
        }

        await Task.WhenAll(all.Select(o => o.StopAsync())).ConfigureAwait(false);
    }

    private async Task KeepOneAsync(string interceptId, InterceptSpec spec, Keepers offer)
    {
        await Task.Yield();
        var token = offer.Stopping.Token;
        var backoff = new Backoff();
        while (!token.IsCancellationRequested)
        {
            var tunnel = tunnels.Open(TunnelWire.StandbyPath, [new(TunnelWire.SessionHeader, sessionSecret()), new(TunnelWire.InterceptHeader, interceptId)]);
            TunnelAnswer answer;
            try
            {
                answer = await tunnel.AnswerAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await tunnel.DisposeAsync().ConfigureAwait(false);
                return;
            }

            if (answer.Established)
            {
                backoff.Reset();
                var connectionId = answer.Header(TunnelWire.ConnectionHeader);
                live.Start(interceptId, async cut =>
                {
                    var outcome = await StandbyAnswer.RunAsync(tunnel, spec, logger, cut).ConfigureAwait(false);
                    Log.TunnelEnded(logger, connectionId, spec.Name, outcome);
                }, lifetime);
                continue;
            }

            await tunnel.DisposeAsync().ConfigureAwait(false);
            // The manager restarted and has not got the intercept back yet, or the link is down: the
            // session loop mends that, and Offer kicks us when the intercept exists again.
            var delay = backoff.Next();
            Log.StandbyRefused(logger, spec.Name, answer.Refusal!.Value, answer.Message, delay);
            await offer.WaitAsync(delay).ConfigureAwait(false);
        }
    }

    /// <summary>The keepers of one intercept's standbys, and how to stop or hurry them.</summary>
    private sealed class Keepers(CancellationTokenSource stopping)
    {
        private TaskCompletionSource _kicked = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenSource Stopping { get; } = stopping;

        public Task[] Tasks { get; set; } = [];

        public void Kick() => Interlocked.Exchange(ref _kicked, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        /// <summary>Waits out a backoff delay, ended early by a kick or a stop.</summary>
        public async Task WaitAsync(TimeSpan delay)
        {
            var kicked = Volatile.Read(ref _kicked).Task;
            await ((Task)Task.WhenAny(Task.Delay(delay, Stopping.Token), kicked)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        public async Task StopAsync()
        {
            await Stopping.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(Tasks).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Stopping.Dispose();
        }
    }
}
