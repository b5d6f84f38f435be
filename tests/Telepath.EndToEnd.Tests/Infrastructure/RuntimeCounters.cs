using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Telepath.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Watches a running .NET process's EventCounters over its diagnostics port, as dotnet-counters does:
/// e.g. the live HTTP requests (HTTP/2 streams) a server serves or a client has open. The runtime
/// counts a request only if it started while someone watched, so start watching before the activity
/// to be measured and compare values taken during the same watch.
/// </summary>
public sealed class RuntimeCounters : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (double Value, long Sample)> _latest = new(StringComparer.Ordinal);
    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _processing;
    private long _samples;

    private RuntimeCounters(EventPipeSession session)
    {
        _session = session;
        _source = new EventPipeEventSource(session.EventStream);
        _source.Dynamic.All += Record;
        _processing = Task.Run(() => _source.Process());
    }

    /// <param name="providers">EventSource names, e.g. "Microsoft.AspNetCore.Hosting", "System.Net.Http".</param>
    public static async Task<RuntimeCounters> StartAsync(int pid, params string[] providers)
    {
        // Counters are written at LogAlways, so Critical lets them through without each request's own events.
        var session = await new DiagnosticsClient(pid).StartEventPipeSessionAsync(
            providers.Select(name => new EventPipeProvider(name, EventLevel.Critical, 0, new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" })),
            requestRundown: false,
            circularBufferMB: 16,
            CancellationToken.None);
        return new RuntimeCounters(session);
    }

    /// <summary>The counter's value in a sample taken after this call (two samples on, since one may be in flight).</summary>
    public async Task<double> NextAsync(string provider, string counter, TimeSpan bound)
    {
        var key = Key(provider, counter);
        long after;
        lock (_lock)
        {
            after = _latest.TryGetValue(key, out var seen) ? seen.Sample : 0;
        }

        using var timeout = new CancellationTokenSource(bound);
        var newer = 0;
        while (true)
        {
            lock (_lock)
            {
                if (_latest.TryGetValue(key, out var seen) && seen.Sample > after)
                {
                    after = seen.Sample;
                    if (++newer == 2)
                    {
                        return seen.Value;
                    }
                }
            }

            if (_processing.IsCompleted || timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"no new sample of {key} within {bound.TotalSeconds:0} s (watch ended: {_processing.IsCompleted})");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is ServerNotAvailableException or EndOfStreamException or IOException or TimeoutException)
        {
            // The process is gone: its stream has ended by itself.
        }

        await _processing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _source.Dispose();
        _session.Dispose();
    }

    private static string Key(string provider, string counter) => $"{provider}/{counter}";

    private void Record(TraceEvent data)
    {
        if (data.EventName != "EventCounters"
            || data.PayloadValue(0) is not IDictionary<string, object> outer
            || !outer.TryGetValue("Payload", out var inner) || inner is not IDictionary<string, object> fields
            || !fields.TryGetValue("Name", out var name))
        {
            return;
        }

        // A polling counter reports its value as Mean; an incrementing one as Increment.
        var value = fields.TryGetValue("Mean", out var mean) ? mean : fields.TryGetValue("Increment", out var increment) ? increment : null;
        lock (_lock)
        {
            _latest[Key(data.ProviderName, $"{name}")] = (Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), ++_samples);
        }
    }
}
