using k8s;
using k8s.Models;

namespace Telepath.Kubernetes.Rollout;

/// <summary>
/// Watches a namespace's pods of a selector and wakes a waiter on every event. The watch is a
/// shortcut, not the source of truth: when it ends or fails, waiters fall back to their interval,
/// and it is opened again.
/// </summary>
internal sealed class PodChangeSignal(IKubernetes client, string @namespace, string labelSelector) : IDisposable
{
    private readonly SemaphoreSlim _changed = new(0);
    private readonly CancellationTokenSource _stop = new();

    // Kept to be awaited by nobody: the loop ends by itself when stopped and never throws.
    private Task _loop = Task.CompletedTask;

    public void Start(CancellationToken cancellationToken)
    {
        _loop = Task.Run(async () =>
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
            await WatchAsync(linked.Token);
        }, CancellationToken.None);
    }

    /// <summary>Returns after the next pod event, or after <paramref name="interval"/>.</summary>
    public async Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        await _changed.WaitAsync(interval, cancellationToken);
        while (_changed.CurrentCount > 0)
        {
            await _changed.WaitAsync(TimeSpan.Zero, cancellationToken); // one look covers a burst of events
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var events = client.CoreV1.WatchListNamespacedPodAsync(
                    @namespace, labelSelector: labelSelector, cancellationToken: cancellationToken);
                await foreach (var _ in events)
                {
                    _changed.Release();
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The interval covers the gap; try again a little later.
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        // The semaphore is not disposed: the loop may still release it once while it stops.
        _stop.Cancel();
    }
}
