namespace Telepath.TrafficManager.Watching;

/// <summary>
/// Wakes every watcher after a change. A watcher takes <see cref="Next"/> before it reads the state,
/// so a change made while it writes a snapshot is never missed.
/// </summary>
public sealed class ChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
