namespace Telepath.Daemon.Tunnels;

/// <summary>
/// The tunnels that are carrying connections, per intercept id, so that leaving an intercept can let
/// requests in flight finish before it cuts what is left.
/// </summary>
public sealed class LiveTunnels
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<LiveTunnel>> _byIntercept = new(StringComparer.Ordinal);

    public int Count(string interceptId)
    {
        lock (_lock)
        {
            return _byIntercept.TryGetValue(interceptId, out var set) ? set.Count : 0;
        }
    }

    /// <summary>Runs <paramref name="body"/> in the background as one of the intercept's tunnels.</summary>
    public void Start(string interceptId, Func<CancellationToken, Task> body, CancellationToken lifetime)
    {
        var tunnel = new LiveTunnel(CancellationTokenSource.CreateLinkedTokenSource(lifetime));
        lock (_lock)
        {
            if (!_byIntercept.TryGetValue(interceptId, out var set))
            {
                _byIntercept[interceptId] = set = [];
            }

            set.Add(tunnel);
        }

        _ = RunAsync(interceptId, tunnel, body);
    }

    /// <summary>Waits up to <paramref name="grace"/> for the intercept's tunnels to end, then cancels the rest.</summary>
    /// <returns>How many had to be cut.</returns>
    public async Task<int> DrainAsync(string interceptId, TimeSpan grace)
    {
        List<LiveTunnel> tunnels;
        lock (_lock)
        {
            tunnels = _byIntercept.TryGetValue(interceptId, out var set) ? [.. set] : [];
        }

        var all = Task.WhenAll(tunnels.Select(t => t.Done.Task));
        try
        {
            await all.WaitAsync(grace).ConfigureAwait(false);
            return 0;
        }
        catch (TimeoutException)
        {
            var cut = tunnels.Count(t => !t.Done.Task.IsCompleted);
            foreach (var tunnel in tunnels)
            {
                await tunnel.CancelAsync().ConfigureAwait(false);
            }

            await all.ConfigureAwait(false);
            return cut;
        }
    }

    private async Task RunAsync(string interceptId, LiveTunnel tunnel, Func<CancellationToken, Task> body)
    {
        try
        {
            await Task.Yield();
            await body(tunnel.Cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cut by a leave or by the daemon stopping.
        }
        finally
        {
            lock (_lock)
            {
                if (_byIntercept.TryGetValue(interceptId, out var set) && set.Remove(tunnel) && set.Count == 0)
                {
                    _byIntercept.Remove(interceptId);
                }
            }

            tunnel.Cancellation.Dispose();
            tunnel.Done.TrySetResult();
        }
    }

    private sealed class LiveTunnel(CancellationTokenSource cancellation)
    {
        public CancellationTokenSource Cancellation { get; } = cancellation;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task CancelAsync()
        {
            try
            {
                await Cancellation.CancelAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // It ended on its own meanwhile.
            }
        }
    }
}
