using System.Diagnostics;

namespace Telepath.TrafficAgent.Watching;

/// <summary>When a watched request began: its wall-clock time for people, a monotonic stamp for its duration.</summary>
internal readonly record struct WatchedRequest(long UnixTimeMs, long StartTimestamp)
{
    public long ElapsedMicros() => (long)Stopwatch.GetElapsedTime(StartTimestamp).TotalMicroseconds;
}
