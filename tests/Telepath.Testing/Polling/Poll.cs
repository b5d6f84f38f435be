using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Telepath.Testing.Polling;

/// <summary>
/// The one way a test waits for something that happens by itself: it re-reads observable state until that
/// state is what the test waits for, and when it gives up it says what it last saw.
/// </summary>
/// <remarks>
/// The limit is a safety net against a hang, never the assertion: on a loaded CI machine anything can be slow,
/// so a test that cares about "soon" asserts the order of events instead of the time they took.
/// </remarks>
public static class Poll
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads until <paramref name="done"/> holds for what was read, and returns that.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, [CallerArgumentExpression(nameof(done))] string waitingFor = "")
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var last = await read();
            if (done(last))
            {
                return last;
            }

            if (clock.Elapsed >= Limit)
            {
                throw GaveUp(waitingFor, Show(last));
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Reads until it reads <paramref name="expected"/>, and returns it.</summary>
    public static Task<T> UntilEqualAsync<T>(T expected, Func<Task<T>> read) =>
        UntilAsync(read, value => EqualityComparer<T>.Default.Equals(value, expected), Show(expected));

    /// <summary>
    /// For a condition over more than one value; <paramref name="lastSeen"/> describes the state when it gives up
    /// (it is asked only then, so it may be costly, e.g. collect logs).
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> lastSeen, [CallerArgumentExpression(nameof(condition))] string waitingFor = "")
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed >= Limit)
            {
                throw GaveUp(waitingFor, lastSeen());
            }

            await Task.Delay(Interval);
        }
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, Func{string}, string)"/>
    public static Task UntilAsync(Func<bool> condition, Func<string> lastSeen, [CallerArgumentExpression(nameof(condition))] string waitingFor = "") =>
        UntilAsync(() => Task.FromResult(condition()), lastSeen, waitingFor);

    private static TimeoutException GaveUp(string waitingFor, string lastSeen) =>
        new($"gave up after {Limit.TotalSeconds:0} s waiting for {waitingFor}\nlast saw: {lastSeen}");

    // Kubernetes objects and lists print only their type name; their JSON says what they hold.
    private static string Show<T>(T value)
    {
        var text = value?.ToString() ?? "null";
        if (value is null || text != value.GetType().ToString())
        {
            return text;
        }

        try
        {
            var json = JsonSerializer.Serialize(value);
            return json.Length <= 4000 ? json : json[..4000] + "…";
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
        {
            return text;
        }
    }
}
