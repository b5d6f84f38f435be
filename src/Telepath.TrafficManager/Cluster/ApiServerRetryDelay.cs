namespace Telepath.TrafficManager.Cluster;

/// <summary>Waits between attempts at an API server that does not answer: 1 s, doubling up to 30 s.</summary>
internal sealed class ApiServerRetryDelay
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Last = TimeSpan.FromSeconds(30);

    public TimeSpan Next { get; private set; } = First;

    public void Reset() => Next = First;

    /// <summary>Waits <see cref="Next"/> (or until cancelled, without throwing) and doubles it.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Next, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Next = TimeSpan.FromTicks(Math.Min(Next.Ticks * 2, Last.Ticks));
    }
}
