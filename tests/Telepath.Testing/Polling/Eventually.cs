namespace Telepath.Testing.Polling;

/// <summary>Polls a condition until it holds or a deadline passes, instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <returns>How long it took.</returns>
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var started = DateTime.UtcNow;
        var deadline = started + timeout;
        while (true)
        {
            if (await condition())
            {
                return DateTime.UtcNow - started;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"not true within {timeout.TotalSeconds:0.#} s: {describe()}");
            }

            await Task.Delay(Interval);
        }
    }

    public static async Task<T> EqualsAsync<T>(T expected, Func<Task<T>> probe, TimeSpan timeout)
    {
        var last = default(T);
        await HoldsAsync(
            async () => EqualityComparer<T>.Default.Equals(last = await probe(), expected),
            timeout,
            () => $"expected {expected}, last saw {last}");
        return last!;
    }
}
