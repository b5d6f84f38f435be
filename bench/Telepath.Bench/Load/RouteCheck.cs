using System.Diagnostics;

namespace Telepath.Bench.Load;

/// <summary>
/// Makes sure a row measures the route it claims: `GET /` answers "hello from NAME", so a row whose
/// intercept is not in effect (yet) cannot pass for a fast one.
/// </summary>
internal static class RouteCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Waits until a new connection to <paramref name="target"/>, with or without the bench header, is served by <paramref name="servedBy"/>.</summary>
    /// <returns>How long it took to take effect.</returns>
    public static async Task<TimeSpan> WaitForAsync(Target target, string servedBy, bool withHeader, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < Patience)
        {
            last = await AskAsync(target, withHeader, cancellationToken);
            if (last == $"hello from {servedBy}")
            {
                return clock.Elapsed;
            }

            await Task.Delay(20, cancellationToken);
        }

        var header = withHeader ? $"with {Target.BenchHeader}" : "without a header";
        throw new BenchException($"{target.Row}: GET / {header} should be served by {servedBy} but got \"{last}\" for {Patience.TotalSeconds:0} s");
    }

    private static async Task<string> AskAsync(Target target, bool withHeader, CancellationToken cancellationToken)
    {
        // A new client each time: a global intercept takes new connections, not pooled ones.
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Get, target.Root);
        if (withHeader)
        {
            request.Headers.Add(Target.BenchHeaderName, Target.BenchHeaderValue);
        }

        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            return (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        }
        catch (HttpRequestException e)
        {
            return $"error: {e.Message}";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "error: no answer within 5 s";
        }
    }
}
